// The --out directory is checked (created, and a probe file written and removed) before anything is
// collected: an unusable location used to surface as "internal error… a bug" after every API call.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { outDirUnusable } from '../errors/args.ts';

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** Throws EARGS (exit 2) with a fix when `out` (as typed, relative to `cwd`) cannot take the report. */
export async function checkOutputDir(out: string, cwd: string): Promise<void> {
  const dir = resolve(cwd, out);
  const probe = join(dir, `.community-pulse-probe-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST' || code === 'ENOTDIR') throw outDirUnusable({ out, why: 'is not a directory (a file is in the way)' });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw outDirUnusable({ out, why: `is not writable (${code})` });
    throw outDirUnusable({ out, why: `cannot be written (${code || (error instanceof Error ? error.message : String(error))})` });
  }
}
