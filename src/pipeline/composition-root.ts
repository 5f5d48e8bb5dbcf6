// The composition root: the one place that builds a command's real dependencies (logger on
// stderr, secret masker, the one HTTP client, file reading against the working directory) from
// what the process was given. Every command that touches more than stdout gets them here.
import { resolve } from 'node:path';
import { readGoalsFile } from '../goals/load.ts';
import { createHttpClient } from '../http/client.ts';
import { createLogger } from '../log.ts';
import { SecretMasker } from '../secrets.ts';
import { ciSections } from '../ci-sections.ts';
import type { ProcessContext } from '../services.ts';
import type { RunDeps } from './state.ts';

export type { ProcessContext } from '../services.ts';

/** What the dependencies are built from: the process context without stdout and version. */
export type DepsContext = Pick<ProcessContext, 'stderr' | 'env' | 'cwd' | 'now' | 'verbose'>;

export function pipelineDeps(ctx: DepsContext): RunDeps {
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
