// Runs the CLI in-process with captured streams, a fixed env, cwd and clock.
import { main } from '../../src/cli.ts';
import type { Env } from '../../src/env.ts';

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
    now: () => new Date('2026-11-02T06:00:00Z'),
  });
  return { code, stdout, stderr };
}
