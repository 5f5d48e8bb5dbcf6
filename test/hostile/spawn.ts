// Spawns the real CLI (`node src/cli.ts …`) with only the env a test gives it. A child that does not
// finish within `killAfterMs` is killed and reported with code null, so a hang fails the test
// instead of stalling the suite.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}, killAfterMs = 60_000): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'src/cli.ts'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

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

export function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
