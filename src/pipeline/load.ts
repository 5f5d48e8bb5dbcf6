// load: read and validate the goals file, register every credential it names with the masker,
// and resolve the requested months in the report's time zone.
import { PulseError } from '../errors.ts';
import { envNames, secretEnvNames } from '../goals/env-names.ts';
import { checkCredentialValues } from '../goals/env-values.ts';
import { loadGoals } from '../goals/load.ts';
import { goalsLocation, templatesDirOf } from '../goals/location.ts';
import { formatMonth, monthAt, resolveMonths } from '../periods/periods.ts';
import { plural } from '../text.ts';
import type { Run, RunDeps, RunOptions } from './state.ts';

export async function load(options: RunOptions, deps: RunDeps): Promise<Run> {
  const { goalsFile, ...settings } = options;
  const { goals } = await loadGoals(goalsFile, { readFile: deps.readFile });
  // The goals path's one use after reading: report.templates_dir is relative to it.
  const templatesDir = templatesDirOf(goals, goalsLocation(deps.cwd, goalsFile));
  // Register every secret the file names before anything can print it (not user names: those
  // are not secrets, and masking them would garble ordinary words in every log line).
  for (const name of secretEnvNames(goals)) deps.masker.add(deps.env[name]);
  // A value with CR/LF or characters above U+00FF cannot be an HTTP header, and a secret shorter
  // than 8 characters cannot be masked: exit 2 naming the variable.
  checkCredentialValues(envNames(goals), deps.env, secretEnvNames(goals));
  if (templatesDir) {
    // A broken template override is bad input found now, not a crash after everything was collected.
    const { checkTemplates } = await import('../render/check-templates.ts');
    await checkTemplates(templatesDir, deps.cwd);
  }
  // One deadline per source host for the whole run, so a dead API cannot stall the job.
  deps.http.setHostDeadline((goals.limits?.source_deadline_seconds ?? 300) * 1000);
  deps.log.info(`goals: ${plural(goals.metrics.length, 'metric')} from ${plural(Object.keys(goals.sources).length, 'source')} (${goalsFile})`);
  const months = resolveMonths(options.request, monthAt(deps.now(), goals.report.timezone));
  const reportMonth = months.at(-1);
  // resolveMonths throws EARGS for an empty or reversed range, so this only guards the type.
  if (reportMonth === undefined) throw new PulseError('EINTERNAL', 'no month to report after resolving the request');
  const labels = months.map(formatMonth);
  deps.log.info(`period: ${labels.length === 1 ? labels[0] : `${labels[0]} … ${labels.at(-1)} (${labels.length} months)`}, months counted in ${goals.report.timezone}`);
  return { options: settings, goals, months, reportMonth, templatesDir };
}
