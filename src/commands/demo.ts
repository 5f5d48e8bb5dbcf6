// `community-pulse demo`: the whole monthly job, for real, against the repository's sample world —
// every API on loopback, a sample handbook repository with two years of history, an SMTP server
// in this process. No credentials, no network. The sample world is the development-only workspace
// package @community-pulse/demo, loaded by name in demo-run.ts when the demo runs: a clone of the
// repository has it (npm ci), an installed community-pulse does not.
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { defineCommand, optionValue } from './define.ts';

// Help and argument parsing only; the demo itself is in demo-run.ts, imported when `demo` runs.
export const demoValues = z.object({ out: z.string().min(1).default('pulse-demo'), goals: z.string().min(1).optional(), verbose: optionValue.verbose });

export type DemoValues = z.output<typeof demoValues>;

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'Run the whole job against a sample world (in a clone; no account, no network).',
  usage: 'community-pulse demo [--goals FILE] [--out DIR]',
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
    'With --goals FILE it runs your own goals file instead: your metrics, targets and report',
    'settings, each source pointed at the sample API of the same type (no token needed), publishing',
    'to the sample handbook and SMTP server. A source type the sample world has no API for is left',
    'out with its metrics, and the demo says so. The sample data is about gitlab-org and its',
    'forum: metrics asking about other groups or pages find little or nothing there.',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o', valueName: 'DIR', description: 'Where to write everything (default: pulse-demo). Replaced on every demo run.' },
    goals: { type: 'string', valueName: 'FILE', description: 'Run this goals file against the sample world instead of the example (your own, before any token exists).' },
  },
  values: demoValues,
  examples: [
    { command: 'npm run demo', says: 'Run it from a checkout, then open pulse-demo/run/email.preview.html and pulse-demo/handbook/.' },
    { command: 'npm run demo -- --goals goals.yml', says: 'Your own goals file against the sample world: what the page and the email would look like.' },
  ],
  exitCodes: [EXIT.ok, EXIT.badInput, EXIT.publishFailed],
  run: async (values, ctx) => (await import('./demo-run.ts')).runDemo(values, ctx),
});
