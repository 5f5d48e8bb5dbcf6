// `npm run world`: the sample world kept running, so the first day (docs/first-day.md) can be
// followed against it with the real commands in another process. This follows it: the sample world
// in one child process, `check --online` and `backfill` sourcing its env.sh in others.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'pulse-world-'));
const children: Array<{ kill(signal: NodeJS.Signals): boolean }> = [];
afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** A shell command in `dir` (with the project's Node first on PATH); resolves with its exit code and output. */
function sh(command: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: dir, env: { PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}` } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm run world', () => {
  it('serves the sample world until stopped; check --online and a backfill run against it with its env.sh', async () => {
    const world = spawn(process.execPath, [join(ROOT, 'demo/serve-world.ts'), '--dir', 'w', '--goals', join(ROOT, 'test/e2e/fixtures/team-goals.yml')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(world);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      world.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\nready\n')) resolve();
      });
      world.on('close', (code) => reject(new Error(`the sample world ended (${code}): ${out}`)));
    });
    expect(out).toContain('. w/env.sh');
    const cli = `node ${join(ROOT, 'src/cli.ts')}`;
    const check = await sh(`. w/env.sh && ${cli} check --goals w/goals.yml --online`);
    expect(check.code, check.output).toBe(0);
    const backfill = await sh(`. w/env.sh && CI=true ${cli} backfill --goals w/goals.yml --from 2026-08 --to 2026-10 --out w/out`);
    expect([0, 3], backfill.output).toContain(backfill.code);
    expect(backfill.output).toContain('backfill: each finished month is saved in');
    expect(readdirSync(join(dir, 'w/out/history')).sort()).toEqual(['2026-08.json', '2026-09.json', '2026-10.json']);
  }, 120_000);
});
