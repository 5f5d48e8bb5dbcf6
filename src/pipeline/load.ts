// load: read and validate the goals file, register every credential it names with the masker,
// and resolve the requested months in the report's time zone.
import { PulseError } from '../errors.ts';
import { envNames } from '../goals/env-names.ts';
import { loadGoals } from '../goals/load.ts';
import { formatMonth, monthRange, previousMonth } from '../periods/periods.ts';
import { plural } from '../text.ts';
import type { Loaded, RunDeps, RunOptions } from './state.ts';

export async function load(options: RunOptions, deps: RunDeps): Promise<Loaded> {
  const { goals } = await loadGoals(options.goalsFile, { readFile: deps.readFile });
  // Register every credential the file names before anything can print it.
  for (const name of envNames(goals)) deps.masker.add(deps.env[name]);
  deps.log.info(`goals: ${plural(goals.metrics.length, 'metric')} from ${plural(Object.keys(goals.sources).length, 'source')} (${options.goalsFile})`);
  const { request } = options;
  const latest = previousMonth(deps.now(), goals.report.timezone);
  const months = request.kind === 'run' ? [request.period ?? latest] : monthRange(request.from, request.to ?? latest);
  const reportMonth = months.at(-1);
  if (reportMonth === undefined) {
    const to = request.kind === 'backfill' ? (request.to ?? latest) : latest;
    const from = request.kind === 'backfill' ? request.from : latest;
    throw new PulseError('EARGS', `backfill: --from ${formatMonth(from)} is after --to ${formatMonth(to)}`, 'give --from a month before --to (both YYYY-MM)');
  }
  const labels = months.map(formatMonth);
  deps.log.info(`period: ${labels.length === 1 ? labels[0] : `${labels[0]} … ${labels.at(-1)} (${labels.length} months)`}, months counted in ${goals.report.timezone}`);
  return { options, goals, months, reportMonth };
}
