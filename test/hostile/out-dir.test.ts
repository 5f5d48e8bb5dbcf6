// Issue 10 item 10: an unusable --out is found before anything is collected: exit 2 with a fix,
// not "internal error… a bug" after every API was called.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualGoals, runCli, tempDir } from './spawn.ts';

describe('--out is checked before collecting', () => {
  it('an existing file: exit 2, names it, says what to do', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals(), 'taken.txt': 'x' });
    const result = await runCli(['run', '--period', '2026-10', '--out', 'taken.txt'], dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--out taken\.txt .*not a directory/);
    expect(result.stderr).toMatch(/^fix: /m);
    expect(result.stderr).not.toMatch(/internal error|collecting/);
  });

  it('a path below a file: exit 2', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals(), 'taken.txt': 'x' });
    const result = await runCli(['backfill', '--from', '2026-09', '--to', '2026-10', '--out', 'taken.txt/sub'], dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only directory: exit 2', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals() });
    mkdirSync(join(dir, 'ro'));
    writeFileSync(join(dir, 'ro', 'keep'), '');
    chmodSync(join(dir, 'ro'), 0o555);
    const result = await runCli(['run', '--period', '2026-10', '--out', 'ro'], dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/not writable/);
  });
});
