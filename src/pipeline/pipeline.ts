// The pipeline: load → history → collect → evaluate → write, then (outside dry runs) publish.
// Stages are data (run/stages.ts); this file only walks them, logs progress, and decides the
// outcome: exit 3 when a metric of a reported month was unavailable.
import { EXIT, type ExitCode } from '../errors.ts';
import { STAGES, type Stage } from './stages.ts';
import type { RunDeps, RunOptions, RunState } from './state.ts';

export type { RunDeps, RunOptions } from './state.ts';

export interface RunOutcome {
  exitCode: ExitCode;
  state: RunState;
}

function summarize(state: RunState, deps: RunDeps): number {
  let unavailable = 0;
  for (const { result } of state.results) {
    const { counts } = result.report.summary;
    const missing = Object.entries(result.snapshot.metrics).filter(([, m]) => m.status === 'unavailable');
    unavailable += missing.length;
    deps.log.info(
      `${result.report.period.label}: ${result.report.metrics.length} metrics — ${counts.okay} okay, ${counts.attention} attention, ${counts.problem} problem, ${counts.unknown} unknown` +
        (missing.length ? `; unavailable: ${missing.map(([id]) => id).join(', ')}` : ''),
    );
  }
  return unavailable;
}

export async function runPipeline(options: RunOptions, deps: RunDeps, stages: readonly Stage[] = STAGES): Promise<RunOutcome> {
  const state: RunState = { options, months: [], results: [], written: [] };
  deps.log.info(`community-pulse ${options.request.kind}${options.dryRun ? ' (dry run)' : ''}`);
  if (!options.dryRun && stages.every((stage) => stage.inDryRun)) {
    deps.log.info('publishing: this release has no publishing stages; the report is written to the --out directory only');
  }
  for (const stage of stages) {
    if (options.dryRun && !stage.inDryRun) {
      deps.log.info(`skipped in dry run: ${stage.name}`);
      continue;
    }
    deps.log.debug(`stage: ${stage.name}`);
    await stage.run(state, deps);
  }
  const unavailable = summarize(state, deps);
  for (const file of state.written) deps.log.info(`wrote ${file}`);
  return { exitCode: unavailable > 0 ? EXIT.unavailable : EXIT.ok, state };
}
