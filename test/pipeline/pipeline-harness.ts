// Runs the real pipeline in-process against the world's fakes (msw), with an HTTP client that does
// not sleep between retries, and returns what it wrote and logged.
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Logger, memoryLogger } from '../../src/log.ts';
import { type RunOptions, runPipeline } from '../../src/pipeline/pipeline.ts';
import { SETTLED_NOW, tempDir, testClient } from '../support/index.ts';
import type { World } from '@community-pulse/demo/world';

export const WORLD_URLS = {
  gitlab: 'https://gitlab.world.test',
  forum: 'https://forum.world.test',
  google: 'https://google.world.test',
  plausible: 'https://plausible.world.test',
  files: 'https://files.world.test',
};

export function workspace(world: World): { dir: string; goals: string } {
  const dir = tempDir('pulse-run-');
  writeFileSync(join(dir, 'goals.yml'), world.goalsYaml);
  return { dir, goals: 'goals.yml' };
}

/** The options of a dry run of the world's goals.yml into out/, with `changes` applied. */
export function runOptions(request: RunOptions['request'], changes: Partial<RunOptions> = {}): RunOptions {
  return { goalsFile: 'goals.yml', request, dryRun: true, outDir: 'out', historyDir: undefined, refresh: false, version: '0.0.0-test', ...changes };
}

/** In-process dependencies: a memory logger, and an HTTP client that does not sleep between retries. */
export function harnessDeps(env: Record<string, string>, dir: string, now = SETTLED_NOW) {
  const { client: http, log, masker } = testClient({ maxRetries: 2, now: () => now.getTime() });
  return { env, cwd: dir, now: () => new Date(now), log, masker, http, readFile: (p: string) => readFile(resolve(dir, p), 'utf8') };
}

export async function runInProcess(
  world: World,
  dir: string,
  request: RunOptions['request'],
  now = SETTLED_NOW,
  /** Called with each line as it is logged (for tests that wait on progress). */
  onLine?: (line: string) => void,
) {
  const deps = harnessDeps(world.env, dir, now);
  const { log, http } = deps;
  const outcome = await runPipeline(runOptions(request), onLine ? { ...deps, log: reporting(log, onLine) } : deps);
  const snapshot = JSON.parse(readFileSync(join(dir, 'out', 'snapshot.json'), 'utf8')) as {
    period: string;
    metrics: Record<string, { value: number | null; status: string; reason?: string; health?: { level: number; reasons: string[] } }>;
  };
  return { ...outcome, snapshot, log, requests: http.stats().requests, byHost: http.stats().byHost };
}

/** The memory logger, also handing each new line to `onLine`. */
function reporting(log: ReturnType<typeof memoryLogger>, onLine: (line: string) => void): Logger {
  const tell = (write: (message: string) => unknown) => (message: string) => {
    write(message);
    const line = log.lines.at(-1);
    if (line !== undefined) onLine(line);
  };
  return { info: tell(log.info), warn: tell(log.warn), debug: tell(log.debug) };
}
