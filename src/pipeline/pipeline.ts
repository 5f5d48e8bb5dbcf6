// The pipeline, one typed path: load → verify → read history → plan → collect → judge (pure) →
// record (pure, only collected months) → render → publish → write. load returns the Run (fixed for
// the run: options, goals, months, templates); every other step takes the Run and the results it
// needs, and returns only its own (src/pipeline/README.md). This file walks them, logs the summary
// and decides the outcome: exit 4 when a publishing step failed (thrown as EPUBLISH after the local files are written), 3 when a metric of a reported month was unavailable, else 0.
import { EXIT, EXIT_MEANINGS, type ExitCode } from '../errors.ts';
import { plan, collect, readHistory } from './collect.ts';
import { judge, keptRecordedValues, record } from './judge.ts';
import { load } from './load.ts';
import { publish, render, write, type Published } from './output.ts';
import { PUBLISH_STEPS, type PublishStep, type ToPublish } from './publish-steps.ts';
import type { Judged, RunDeps, RunOptions, RunSettings } from './state.ts';
import { verify } from './verify.ts';

export type { RunDeps, RunOptions } from './state.ts';

export interface RunOutcome {
  exitCode: ExitCode;
  result: Published;
  written: string[];
}

function summarize(judgedMonths: Judged['judged'], deps: RunDeps): number {
  let unavailable = 0;
  for (const { result: judged } of judgedMonths) {
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

/** The run's last lines: what was published where, and what the exit code means. */
function summaryLines(options: RunSettings, hasMessage: boolean, published: Published, exitCode: ExitCode): string[] {
  const lines = published.published.map((line) => `summary: ${line}`);
  if (options.dryRun) lines.push(`summary: dry run — nothing was committed or sent${hasMessage ? '; email.eml in --out is the message that would be sent' : ''}`);
  else if (published.published.length === 0 && published.failures.length === 0) lines.push('summary: nothing to publish (no publish settings, or nothing changed)');
  for (const failure of published.failures) lines.push(`summary: failed: ${failure.message}`);
  lines.push(`summary: exit ${exitCode} — ${EXIT_MEANINGS[exitCode].meaning}`);
  return lines;
}

export async function runPipeline(options: RunOptions, deps: RunDeps, publishSteps: readonly PublishStep[] = PUBLISH_STEPS): Promise<RunOutcome> {
  // One collapsible section per step in GitLab CI logs (no-ops elsewhere).
  const step = async <T>(id: string, header: string, run: () => Promise<T> | T, collapsed = true): Promise<T> => {
    deps.sections?.start(`pulse_${id}`, header, { collapsed });
    try {
      return await run();
    } finally {
      deps.sections?.end(`pulse_${id}`);
    }
  };
  deps.log.info(`community-pulse ${options.version} ${options.request.kind}${options.dryRun ? ' (dry run)' : ''}`);
  const run = await step('load', 'Load the goals file', () => load(options, deps));
  const verified = await step('verify', 'Verify credentials and access (nothing is collected or published before this passes)', () =>
    verify({ goals: run.goals, dryRun: options.dryRun, outDir: options.outDir, historyDir: options.historyDir }, deps, publishSteps),
  );
  const { planned, collected } = await step(
    'collect',
    'Read history and collect',
    async () => {
      const planned = plan(run, await readHistory(verified.history, deps));
      return { planned, collected: await collect(run, verified.history, planned, deps) };
    },
    false,
  );
  const { judged, toPublish } = await step('render', 'Judge and render', async () => {
    const judged = judge(run, planned, collected);
    for (const line of keptRecordedValues(judged, collected)) deps.log.warn(line);
    const toPublish: ToPublish = { run, report: judged.report, records: record(judged), rendered: await render(run, judged.report, deps) };
    return { judged, toPublish };
  });
  const published = await step('publish', 'Publish: handbook commit, then email', () => publish(toPublish, deps, publishSteps), false);
  const written = await step('write', 'Write local files', () => write(toPublish, deps));
  const unavailable = summarize(judged.judged, deps);
  for (const file of written) deps.log.info(`wrote ${file}`);
  const [failure, ...more] = published.failures;
  const exitCode: ExitCode = failure ? EXIT.publishFailed : unavailable > 0 ? EXIT.unavailable : EXIT.ok;
  await step(
    'summary',
    'Summary',
    () => {
      for (const line of summaryLines(run.options, toPublish.rendered.message !== null, published, exitCode)) deps.log.info(line);
      // Repeated at the end, where people read: a token about to expire stops next month's run.
      for (const warning of verified.warnings) deps.log.warn(`summary: ${warning}`);
    },
    false,
  );
  if (failure) {
    // Local files are written; the command ends with the catalogue's exit code for EPUBLISH (4).
    for (const other of more) deps.log.warn(`${other.message} (fix: ${other.fix})`);
    throw failure;
  }
  return { exitCode, result: published, written };
}
