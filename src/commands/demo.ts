// `community-pulse demo`: the whole monthly job, for real, against the repository's sample world —
// every API on loopback, a sample handbook repository with two years of history, an SMTP server
// in this process. No credentials, no network. The sample world is the development-only workspace
// package @community-pulse/demo, loaded by name in demo-run.ts when the demo runs: a clone of the
// repository has it (npm ci), an installed community-pulse does not.
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { defineCommand, optionValue } from './define.ts';

// Help and argument parsing only; the demo itself is in demo-run.ts, imported when `demo` runs.
export const demoValues = z.object({ out: z.string().min(1).default('pulse-demo'), verbose: optionValue.verbose });

export type DemoValues = z.output<typeof demoValues>;

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'Run the whole job against a sample world (in a clone; no account, no network).',
  usage: 'community-pulse demo [--out DIR]',
  description: [
    'Starts a sample DevRel world on this machine — GitLab, Discourse, GA4, Plausible, YouTube and a',
    'repository data file served on loopback ports, a handbook repository holding two years of',
    'history, and an SMTP server — then runs the real monthly job for October 2026 against it, not',
    'as a dry run: it collects, judges, renders, commits to the sample handbook and sends the email.',
    'The sample world is a development-only part of the repository: run the demo from a clone',
    '(npm ci && npm run demo); an installed community-pulse does not include it.',
    'DIR (default ./pulse-demo) then holds:',
    '  goals.yml      the goals file it used (examples/goals.yml pointed at the sample APIs)',
    '  run/           what `run --out` writes: snapshot, report, page.md, email.html/.txt/.eml, email.preview.html, charts',
    '  handbook/      the files as committed to the sample handbook repository',
    '  received.eml   the email as the SMTP server received it',
    '  screenshots/   the email at 600 and 375 px, when Chromium is installed',
  ].join('\n'),
  options: { out: { type: 'string', short: 'o', valueName: 'DIR', description: 'Where to write everything (default: pulse-demo). Replaced on every demo run.' } },
  values: demoValues,
  examples: [{ command: 'npm run demo', says: 'Run it from a checkout, then open pulse-demo/run/email.preview.html and pulse-demo/handbook/.' }],
  exitCodes: [EXIT.ok, EXIT.badInput, EXIT.publishFailed],
  run: async (values, ctx) => (await import('./demo-run.ts')).runDemo(values, ctx),
});
