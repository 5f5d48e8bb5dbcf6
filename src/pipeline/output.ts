// render → publish → write: the end of the pipeline.
// - render: the report into files (page, PI data, email, charts) with src/render, loaded lazily so
//   --help and check never load the template engine, mjml or the chart libraries.
// - publish: the PublishSteps, walked in order; steps with `inDryRun: false` are skipped in a dry run.
//   A failed step does not stop the local write: the collected data is kept in --out (exit 4).
// - write: --out/snapshot.json (the month's record), --out/report.json (today's judgement), rendered files, email.eml (the
//   exact message, also in a dry run), and history/<month>.json for the
//   months this run collected (never for months read from history).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isPulseError, PulseError } from '../errors.ts';
import { LocalDirStore } from '../history/local-store.ts';
import { chatPostsStep, composeEmailStep } from '../publish/index.ts';
import { maskSecrets } from '../secrets.ts';
import { plural } from '../text.ts';
import { localHistoryDir } from './history-source.ts';
import type { Services } from '../services.ts';
import type { PublishStep, Rendered, ToPublish } from './publish-steps.ts';
import type { JudgedMonth, Run, RunDeps } from './state.ts';

/** The reported month's files, exact message and chat posts; nothing when no month was reported. */
export async function render(run: Run, reported: JudgedMonth | undefined, deps: RunDeps): Promise<Rendered> {
  if (!reported) return { files: [], email: null, message: null, chat: {} };
  const { goals } = run;
  const report = reported.result.report;
  const { renderForGoals } = await import('../render/write.ts');
  const result = await renderForGoals({ report, goals, templatesDir: run.templatesDir });
  const charts = result.email.attachments.length;
  deps.log.info(`rendered the page, the PI data and the email ("${result.email.subject}") with ${plural(charts, 'chart')}`);
  // The exact message, composed once: written to --out as email.eml and, outside a dry run, sent.
  const message = await composeEmailStep(goals, result, report.period.label, deps.now());
  return { files: result.files, email: result.email, message: message ?? null, chat: await chatPostsStep(goals, report) };
}

export interface Published {
  /** One line per thing published. */
  published: string[];
  /** Steps that failed, as the errors that end the run with exit 4. */
  failures: PulseError[];
}

export async function publish(input: ToPublish, deps: Services, steps: readonly PublishStep[]): Promise<Published> {
  const published: string[] = [];
  const failures: PulseError[] = [];
  const { dryRun } = input.run.options;
  if (!dryRun && steps.every((step) => step.inDryRun)) {
    deps.log.info('publishing: this release has no publishing steps; the report is written to the --out directory only');
  }
  for (const step of steps) {
    if (dryRun && !step.inDryRun) {
      deps.log.info(`skipped in dry run: ${step.name}`);
      continue;
    }
    try {
      published.push(...(await step.run(input, deps)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(isPulseError(error) && error.code === 'EPUBLISH' ? error : new PulseError('EPUBLISH', `${step.name} failed: ${message}`, isPulseError(error) ? error.fix : undefined, { cause: error }));
    }
  }
  return { published, failures };
}

async function writeText(path: string, text: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, typeof text === 'string' ? maskSecrets(text) : text); // the last gate for --out
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes the local files; returns their paths. */
export async function write({ run, report, records, rendered }: ToPublish, deps: RunDeps): Promise<string[]> {
  const out = resolve(deps.cwd, run.options.outDir);
  await mkdir(out, { recursive: true });
  const written: string[] = [];
  const local = new LocalDirStore(localHistoryDir(run.options, deps.cwd), deps.log);
  for (const snapshot of records) {
    await local.write(snapshot);
    written.push(join(local.dir, `${snapshot.period}.json`));
  }
  if (report) {
    // snapshot.json is the month's record as collected (stored snapshots drop what may not be public,
    // history/public.ts); report.json is today's judgement. Both are for the team, like the CI log.
    await writeText(join(out, 'snapshot.json'), json(report.record));
    await writeText(join(out, 'report.json'), json(report.result.report));
    written.push(join(out, 'snapshot.json'), join(out, 'report.json'));
  }
  for (const file of rendered.files) {
    const path = resolve(out, file.path);
    if (!path.startsWith(out)) throw new PulseError('EINTERNAL', `rendered file ${file.path} would be written outside ${out}`);
    await writeText(path, file.content);
    written.push(path);
  }
  if (rendered.message) {
    await writeText(join(out, 'email.eml'), rendered.message.raw);
    written.push(join(out, 'email.eml'));
  }
  // The exact chat posts, also in a dry run: what Slack and Teams would receive.
  for (const [channel, payload] of Object.entries(rendered.chat)) {
    await writeText(join(out, `chat-${channel}.json`), json(payload));
    written.push(join(out, `chat-${channel}.json`));
  }
  return written;
}
