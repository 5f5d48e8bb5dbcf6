// Helpers of the hostile-input tests: the real CLI as a child process (with only the env a test
// gives it), goals files with one manual or one GitLab metric, and a temporary directory holding given files.
import { spawnCli } from '../support/spawn-cli.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type { Spawned } from '../support/spawn-cli.ts';

/** The CLI as a child process (test/support's spawnCli: a hang fails with its own message). */
export const runCli = (args: string[], cwd: string, env: Record<string, string> = {}, deadlineMs = 60_000) => spawnCli(args, cwd, env, deadlineMs);

/** A goals file with one manual metric (no network), plus `extra` YAML lines appended. */
export function manualGoals(values: Record<string, number> = { '2026-10': 5 }, extra = ''): string {
  const pairs = Object.entries(values)
    .map(([k, v]) => `"${k}": ${v}`)
    .join(', ');
  return [
    'version: 1',
    'report: { title: T, org: O, base_path: /x/ }',
    'sources:',
    '  hand: { type: manual }',
    'metrics:',
    '  - id: seats',
    '    name: Seats',
    '    definition: Seats',
    '    source: hand',
    `    query: { kind: value, values: { ${pairs} } }`,
    extra,
  ].join('\n');
}

/** A goals file with one GitLab source at `url` (token from `tokenEnv`) and one metric; `extra` YAML goes after report. */
export function gitlabGoals(url: string, tokenEnv = 'PULSE_GITLAB_TOKEN', extra = ''): string {
  return [
    'version: 1',
    'report: { title: T, org: O, base_path: /x/ }',
    extra,
    'sources:',
    `  gl: { type: gitlab, url: "${url}", token_env: ${tokenEnv} }`,
    'metrics:',
    '  - id: mrs',
    '    name: MRs',
    '    definition: MRs',
    '    source: gl',
    '    query: { kind: merged_mrs, group: g }',
    '',
  ].join('\n');
}

export function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
