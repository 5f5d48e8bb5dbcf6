// The pipeline, one typed path: load → verify → read history → plan → collect → judge (pure) →
// record (pure, only collected months) → render → publish → write. Each step takes the previous
// step's result. This file walks them, logs the summary and decides the outcome: exit 4 when a
// publishing step failed (thrown as EPUBLISH after the local files are written), 3 when a metric of a reported month was unavailable, else 0.
import { EXIT, type ExitCode } from '../errors.ts';
import { plan, collect, readHistory } from './collect.ts';
import { judge, record } from './judge.ts';
import { load } from './load.ts';
import { publish, render, write, type Published } from './output.ts';
import { PUBLISH_STEPS, type PublishStep } from './publish-steps.ts';
import type { RunDeps, RunOptions } from './state.ts';
import { verify } from './verify.ts';

export type { RunDeps, RunOptions } from './state.ts';

export interface RunOutcome {
  exitCode: ExitCode;
  result: Published;
  written: string[];
}

function summarize(result: Published, deps: RunDeps): number {
  let unavailable = 0;
  for (const { result: judged } of result.judged) {
    const { counts } = judged.report.summary;
    const missing = Object.entries(judged.snapshot.metrics).filter(([, m]) => m.status === 'unavailable');
    unavailable += missing.length;
    deps.log.info(
      `${judged.report.period.label}: ${judged.report.metrics.length} metrics — ${counts.okay} okay, ${counts.attention} attention, ${counts.problem} problem, ${counts.unknown} unknown` +
        (missing.length ? `; unavailable: ${missing.map(([id]) => id).join(', ')}` : ''),
    );
  }
  return unavailable;
}

export async function runPipeline(options: RunOptions, deps: RunDeps, publishSteps: readonly PublishStep[] = PUBLISH_STEPS): Promise<RunOutcome> {
  deps.log.info(`community-pulse ${options.version} ${options.request.kind}${options.dryRun ? ' (dry run)' : ''}`);
  const loaded = await load(options, deps);
  const verified = { ...loaded, ...(await verify({ goals: loaded.goals, dryRun: options.dryRun, outDir: options.outDir, historyDir: options.historyDir }, deps, publishSteps)) };
  const collected = await collect(plan(await readHistory(verified, deps)), deps);
  const recorded = record(judge(collected, deps.now()));
  const published = await publish(await render(recorded, deps), deps, publishSteps);
  const written = await write(published, deps);
  const unavailable = summarize(published, deps);
  for (const file of written) deps.log.info(`wrote ${file}`);
  for (const line of published.published) deps.log.info(`published ${line}`);
  const [failure, ...more] = published.failures;
  if (failure) {
    // Local files are written; the command ends with the catalogue's exit code for EPUBLISH (4).
    for (const other of more) deps.log.warn(`${other.message} (fix: ${other.fix})`);
    throw failure;
  }
  return { exitCode: unavailable > 0 ? EXIT.unavailable : EXIT.ok, result: published, written };
}
