// What `demo` does once its arguments are parsed: start the sample world, run the real monthly job
// against it, and show what it wrote. Loaded only when `demo` runs. The sample world is the
// development-only workspace package @community-pulse/demo (msw, smtp-server, graphql): the product
// never imports it statically, and a production install does not have it, so it is loaded here by
// name and its absence is a clear error, not a crash.
import { parse } from 'yaml';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { EXIT, EXIT_MEANINGS, type ExitCode, exitCodeFor, isPulseError, PulseError } from '../errors.ts';
import { demoOutTaken } from '../errors/args.ts';
import { parseMonth } from '../periods/periods.ts';
import { pipelineDeps } from '../pipeline/composition-root.ts';
import { runPipeline } from '../pipeline/pipeline.ts';
import { readGoalsFile } from '../goals/load.ts';
import { goalsLocation } from '../goals/location.ts';
import { goalsForSampleWorld } from './demo-goals.ts';
import type { DemoValues } from './demo.ts';
import type { CommandContext } from './types.ts';

const MARKER = '.community-pulse-demo';

/** The package that holds the sample world: a workspace of the repository, never published. */
export const DEMO_PACKAGE = '@community-pulse/demo';

/** The running sample world, as far as `demo` uses it. */
export interface RunningWorld {
  goalsYaml: string;
  period: string;
  env: Record<string, string>;
  now: () => Date;
  close(): Promise<void>;
}

/** Source types only the sample world's open-source company serves (examples/open-source-company.goals.yml). */
const OPEN_SOURCE_RUN_AT = '2026-11-04T06:00:00Z';
const OPEN_SOURCE_TYPES: ReadonlySet<string> = new Set(['github', 'npm', 'pypi', 'discord', 'json']);

/** Whether the (already checked) goals file uses one of those source types. */
function usesOpenSourceApis(text: string): boolean {
  const doc = parse(text) as { sources?: Record<string, { type?: unknown } | null> } | null;
  return Object.values(doc?.sources ?? {}).some((s) => typeof s?.type === 'string' && OPEN_SOURCE_TYPES.has(s.type));
}

/** What `demo` needs from the sample world package (demo/index.ts checks that it provides it). */
export interface DemoWorld {
  startSampleWorld(options: { scale: 'demo'; example?: 'open-source-company'; now?: () => Date }): Promise<RunningWorld>;
  exportWorld(world: RunningWorld, outDir: string): Promise<{ handbookFiles: string[]; mergeRequests: string[]; emails: string[]; chatPosts?: string[] }>;
  screenshotEmail(runDir: string, dir: string, path: string | undefined): Promise<string[]>;
}

/**
 * Loads the sample world by package name. The name is a variable so that neither the compiler nor
 * a bundler follows it into the product: only a clone of the repository (npm ci) has the package.
 */
export async function loadDemoWorld(name: string = DEMO_PACKAGE): Promise<DemoWorld> {
  // Resolved first, so that only the package's own absence is the clone message: a module missing
  // inside an installed sample world stays the error it is.
  let url: string;
  try {
    url = import.meta.resolve(name);
  } catch {
    throw new PulseError(
      'EARGS',
      `demo: the sample world (${name}) is not installed: it is a development-only package of the repository, not part of an installed community-pulse`,
      'the demo needs a clone of the repository: git clone the community-pulse repository, then npm ci && npm run demo',
    );
  }
  const loaded = (await import(url)) as { demoWorld: DemoWorld };
  return loaded.demoWorld;
}

/** Refuses to clear a directory the demo did not create. */
async function prepareOut(out: string): Promise<void> {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER))) {
    throw demoOutTaken(out);
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, MARKER), 'written by community-pulse demo; the next demo run replaces this directory\n');
}

/** The team's goals file pointed at the sample world; says which sources the sample world serves. */
function ownGoals(own: { file: string; text: string }, sampleYaml: string, ctx: CommandContext): { yaml: string; notes: string[] } {
  const { yaml, served, unserved } = goalsForSampleWorld(own.text, own.file, sampleYaml);
  ctx.stderr.write(`demo: ${own.file} against the sample world; sources pointed at the sample APIs: ${served.join(', ')}\n`);
  const notes = unserved.map((u) => `source "${u.source}" (${u.type}) is not served by the sample world: its metrics are left out of this demo: ${u.metrics.join(', ') || '(none)'}`);
  for (const note of notes) ctx.stderr.write(`demo: ${note}\n`);
  return { yaml, notes };
}

export async function runDemo(values: DemoValues, ctx: CommandContext): Promise<ExitCode> {
  const started = Date.now();
  const out = resolve(ctx.cwd, values.out);
  const { startSampleWorld, exportWorld, screenshotEmail } = await loadDemoWorld();
  // The team's file is read and checked before anything is replaced or started.
  const own = values.goals === undefined ? undefined : { file: values.goals, text: await readGoalsFile(goalsLocation(ctx.cwd, values.goals).path) };
  await prepareOut(out);
  // A goals file of a GitHub-hosted company gets the sample world that serves those APIs.
  // Its clock is the suggested schedule's (06:00 on the 4th, every source settled), because Discord
  // counts exist only on the day they are sampled: the month shows them as the monthly job would.
  const world = await startSampleWorld({ scale: 'demo', ...(own && usesOpenSourceApis(own.text) ? { example: 'open-source-company' as const, now: () => new Date(OPEN_SOURCE_RUN_AT) } : {}) });
  let exitCode: ExitCode;
  try {
    const goalsFile = join(out, 'goals.yml');
    const { yaml, notes } = own ? ownGoals(own, world.goalsYaml, ctx) : { yaml: world.goalsYaml, notes: [] };
    await writeFile(goalsFile, yaml);
    const period = parseMonth(world.period);
    // Only the sample world's credentials: never the caller's own tokens.
    const env = { ...world.env, ...(ctx.env.CI ? { CI: ctx.env.CI } : {}) };
    const deps = pipelineDeps({ stderr: ctx.stderr, env, cwd: ctx.cwd, now: world.now, verbose: ctx.verbose });
    try {
      const outcome = await runPipeline({ goalsFile, request: { kind: 'run', period }, dryRun: false, outDir: join(out, 'run'), refresh: false, resend: false, version: ctx.version }, deps);
      exitCode = outcome.exitCode;
    } catch (error) {
      // A failed publish still leaves files to look at: report it, then show what is there.
      if (!isPulseError(error)) throw error;
      ctx.stderr.write(`error: ${[error.message, ...error.details].join('\n')}\nfix: ${error.fix}\n`);
      exitCode = exitCodeFor(error);
    }
    const exported = await exportWorld(world, out);
    const shots = await screenshotEmail(join(out, 'run'), join(out, 'screenshots'), ctx.env.PATH);
    const rel = (p: string) => relative(ctx.cwd, p) || '.';
    const lines = [
      '',
      `demo finished in ${((Date.now() - started) / 1000).toFixed(1)}s — exit ${exitCode}: ${EXIT_MEANINGS[exitCode].meaning}`,
      `  ${rel(join(out, 'goals.yml'))}  the goals file the demo used${own ? ` (${own.file} pointed at the sample world)` : ''}`,
      ...notes.map((note) => `  not in this demo: ${note}`),
      `  ${rel(join(out, 'run'))}/  what \`run --out\` writes (open email.preview.html in a browser: email.html as sent, with its charts inline; email.eml is the exact message)`,
      ...exported.handbookFiles.map((f) => `  ${rel(f)}  committed to the sample handbook`),
      ...exported.mergeRequests.map((m) => `  merge request: ${m}`),
      ...exported.emails.map((f) => `  ${rel(f)}  the email as the SMTP server received it`),
      ...(exported.chatPosts ?? []).map((f) => `  ${rel(f)}  the chat post as the ${f.includes('-slack-') ? 'Slack' : 'Teams'} webhook received it`),
      ...shots.map((f) => `  ${rel(f)}  ${f.includes('chat-') ? 'the chat post' : 'the email'} in Chromium`),
    ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await world.close();
  }
  return exitCode;
}
