// Runs the CLI in-process with captured streams, a fixed env, cwd and clock.
import { main } from '../../src/cli.ts';
import { packageVersion } from '../../src/commands/version.ts';
import type { Env } from '../../src/env.ts';
import { frozenClock } from '../support/clock.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], options: { env?: Env; cwd?: string } = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
    now: frozenClock,
    version: packageVersion(),
  });
  return { code, stdout, stderr };
}
