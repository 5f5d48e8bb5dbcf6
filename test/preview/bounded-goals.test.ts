// `preview` reads the goals file through the same bounded loader as `check` and `run`: a path to an
// endless file (/dev/zero) is refused after 1 MB with exit 2, instead of being read into memory.
import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_GOALS_BYTES } from '../../src/goals/load.ts';
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

describe('preview --goals on an endless stream', () => {
  // How much it reads, measured: the goals file is a named pipe fed 64 KB at a time for as long as
  // the CLI keeps reading. A bounded read stops after MAX_GOALS_BYTES + 1 and exits 2; what the pipe
  // accepted is that plus at most the kernel's pipe buffer (64 KB by default, 1 MB at most:
  // /proc/sys/fs/pipe-max-size). An unbounded read would take all 64 MB offered.
  it('reads no more than the 1 MB cap (plus the pipe buffer), then exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-preview-stream-'));
    const fifo = join(dir, 'goals.yml');
    execFileSync('mkfifo', [fifo]);
    const run = spawnCli(['preview', '--goals', 'goals.yml', '--history', 'history', '--out', 'p'], dir, {}, 60_000);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const offered = 64 * 1024 * 1024;
    let accepted = 0;
    const feed = (async () => {
      const writer = await open(fifo, 'w'); // returns once the CLI opens the file for reading
      try {
        while (accepted < offered) {
          await writer.write(chunk);
          accepted += chunk.length;
        }
      } catch {
        // EPIPE: the CLI stopped reading and closed the file — the point of the test.
      } finally {
        await writer.close();
      }
    })();
    const result = await run;
    // Had the CLI never opened the pipe, the writer would wait forever: open the read end once.
    await (await open(fifo, constants.O_RDONLY | constants.O_NONBLOCK)).close();
    await feed;
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('goals.yml is larger than 1 MB: that is not a goals file');
    expect(accepted).toBeGreaterThan(MAX_GOALS_BYTES);
    expect(accepted).toBeLessThanOrEqual(MAX_GOALS_BYTES + 1 + 1024 * 1024);
  }, 60_000);
});
