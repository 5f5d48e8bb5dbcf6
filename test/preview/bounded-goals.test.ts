// `preview` reads the goals file through the same bounded loader as `check` and `run`: a path to an
// endless file (/dev/zero) is refused after 1 MB with exit 2, instead of being read into memory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.ts';

describe('preview --goals /dev/zero', () => {
  it('is refused by the bounded reader: exit 2, "larger than 1 MB", nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-preview-zero-'));
    const result = await spawnCli(['preview', '--goals', '/dev/zero', '--history', 'history', '--out', 'p'], dir, {}, 60_000);
    // The refusal path, not an out-of-memory crash or a YAML error after reading everything.
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('/dev/zero is larger than 1 MB: that is not a goals file');
  });
});
