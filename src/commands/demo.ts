// `community-pulse demo`: the whole monthly job, for real, against the built-in sample world —
// every API on loopback, a sample handbook repository with two years of history, an SMTP server
// in this process. No credentials, no network. The sample world (and msw, smtp-server) is loaded
// only here, so the other commands never pay for it.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { EXIT, type ExitCode, exitCodeFor, isPulseError, PulseError } from '../errors.ts';
import { parseMonth } from '../periods/periods.ts';
import { pipelineDeps } from '../pipeline/composition-root.ts';
import { runPipeline } from '../pipeline/pipeline.ts';
import { defineCommand, optionValue } from './define.ts';

const MARKER = '.community-pulse-demo';

const EXIT_MEANING: Record<number, string> = {
  0: 'done: every metric has a value, the page is committed and the email sent',
  1: 'internal error (a bug: please report it)',
  2: 'bad input',
  3: 'some metric was unavailable',
  4: 'publishing failed',
};

/** Refuses to clear a directory the demo did not create. */
async function prepareOut(out: string): Promise<void> {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER))) {
    throw new PulseError('EARGS', `demo: ${out} exists and was not written by the demo`, 'Give --out a new or empty directory (default ./pulse-demo).');
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, MARKER), 'written by community-pulse demo; the next demo run replaces this directory\n');
}

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'Run the whole job against a built-in sample world (no account, no network).',
  usage: 'community-pulse demo [--out DIR]',
  description: [
    'Starts a sample DevRel world on this machine — GitLab, Discourse, GA4, Plausible, YouTube and a',
    'repository data file served on loopback ports, a handbook repository holding two years of',
    'history, and an SMTP server — then runs the real monthly job for October 2026 against it, not',
    'as a dry run: it collects, judges, renders, commits to the sample handbook and sends the email.',
    'DIR (default ./pulse-demo) then holds:',
    '  goals.yml      the goals file it used (examples/goals.yml pointed at the sample APIs)',
    '  run/           what `run --out` writes: snapshot, report, page.md, email.html/.txt/.eml, charts',
    '  handbook/      the files as committed to the sample handbook repository',
    '  received.eml   the email as the SMTP server received it',
    '  screenshots/   the email at 600 and 375 px, when Chromium is installed',
  ].join('\n'),
  options: { out: { type: 'string', short: 'o', valueName: 'DIR', description: 'Where to write everything (default: pulse-demo). Replaced on every demo run.' } },
  values: z.object({ out: z.string().min(1).default('pulse-demo'), verbose: optionValue.verbose }),
  examples: [{ command: 'npm run demo', says: 'Run it from a checkout, then open pulse-demo/run/email.html and pulse-demo/handbook/.' }],
  exitCodes: [
    { code: EXIT.ok, meaning: 'the demo ran the whole job' },
    { code: EXIT.badInput, meaning: '--out names a directory the demo did not create' },
    { code: EXIT.publishFailed, meaning: 'publishing failed (a bug in the demo world: please report it)' },
  ],
  async run(values, ctx) {
    const started = Date.now();
    const out = resolve(ctx.cwd, values.out);
    await prepareOut(out);
    const { startSampleWorld } = await import('../demo/sample-world.ts');
    const { exportWorld } = await import('../demo/export.ts');
    const { screenshotEmail } = await import('../demo/screenshots.ts');
    const world = await startSampleWorld({ scale: 'demo' });
    let exitCode: ExitCode;
    try {
      const goalsFile = join(out, 'goals.yml');
      await writeFile(goalsFile, world.goalsYaml);
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
        ctx.stderr.write(`error: ${error.message}\nfix: ${error.fix}\n`);
        exitCode = exitCodeFor(error);
      }
      const exported = await exportWorld(world, out);
      const shots = await screenshotEmail(join(out, 'run'), join(out, 'screenshots'), ctx.env.PATH);
      const rel = (p: string) => relative(ctx.cwd, p) || '.';
      const lines = [
        '',
        `demo finished in ${((Date.now() - started) / 1000).toFixed(1)}s — exit ${exitCode}: ${EXIT_MEANING[exitCode] ?? ''}`,
        `  ${rel(join(out, 'goals.yml'))}  the goals file the demo used`,
        `  ${rel(join(out, 'run'))}/  what \`run --out\` writes (open email.html in a browser; email.eml is the exact message)`,
        ...exported.handbookFiles.map((f) => `  ${rel(f)}  committed to the sample handbook`),
        ...exported.mergeRequests.map((m) => `  merge request: ${m}`),
        ...exported.emails.map((f) => `  ${rel(f)}  the email as the SMTP server received it`),
        ...shots.map((f) => `  ${rel(f)}  the email in Chromium`),
      ];
      ctx.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await world.close();
    }
    return exitCode;
  },
});
