// The few shapes of "what a step may touch", so every layer names the same thing the same way.
// ProcessContext is what the process gives a command (streams, env, cwd, clock); Services is what
// the composition root (src/pipeline/composition-root.ts) builds from it and every step below
// receives, or a Pick of it. Sources get their own narrower view (SourceContext in sources/types.ts)
// because they must read secrets only through it.
import type { Env } from './env.ts';
import type { HttpClient } from './http/types.ts';
import type { Logger } from './log.ts';
import type { SecretMasker } from './secrets.ts';

export interface Output {
  write(chunk: string): unknown;
}

/** What the process gives a command: output streams, env, cwd, clock. Tests pass their own. */
export interface ProcessContext {
  stdout: Output;
  stderr: Output;
  env: Env;
  /** Relative paths (e.g. --goals) resolve against this. */
  cwd: string;
  now(): Date;
  verbose: boolean;
  /** This program's version, read once at process start (recorded in snapshots, printed by --version). */
  version: string;
}

/** What the composition root builds once per command: the one HTTP client, logger and masker. */
export interface Services {
  env: Env;
  http: HttpClient;
  log: Logger;
  masker: SecretMasker;
  now(): Date;
}
