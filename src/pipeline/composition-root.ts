// The composition root: the one place that builds the pipeline's real dependencies (logger on
// stderr, secret masker, the one HTTP client, file reading against the working directory) from
// what the process was given.
import { resolve } from 'node:path';
import type { Env } from '../env.ts';
import { readGoalsFile } from '../goals/load.ts';
import { createHttpClient } from '../http/client.ts';
import { createLogger } from '../log.ts';
import { SecretMasker } from '../secrets.ts';
import { ciSections } from '../ci-sections.ts';
import type { RunDeps } from './state.ts';

export interface ProcessContext {
  stderr: { write(chunk: string): unknown };
  env: Env;
  cwd: string;
  now(): Date;
  verbose: boolean;
}

export function pipelineDeps(ctx: ProcessContext): RunDeps {
  const masker = new SecretMasker();
  const log = createLogger({ stream: ctx.stderr, masker, verbose: ctx.verbose });
  return {
    sections: ciSections(ctx.env, ctx.stderr, ctx.now),
    env: ctx.env,
    cwd: ctx.cwd,
    now: ctx.now,
    log,
    masker,
    http: createHttpClient({ masker, log }),
    // Bounded read (1 MB cap): a goals path pointing at /dev/zero or a huge file fails plainly.
    readFile: (path) => readGoalsFile(resolve(ctx.cwd, path)),
  };
}
