// Runs the real pipeline in-process against the world's fakes (msw), with an HTTP client that does
// not sleep between retries, and returns what it wrote and logged.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHttpClient } from '../../src/http/client.ts';
import { memoryLogger } from '../../src/log.ts';
import { type RunOptions, runPipeline } from '../../src/run.ts';
import { SecretMasker } from '../../src/secrets.ts';
import type { World } from '../../src/demo/world.ts';

export const WORLD_URLS = {
  gitlab: 'https://gitlab.world.test',
  forum: 'https://forum.world.test',
  google: 'https://google.world.test',
  plausible: 'https://plausible.world.test',
  files: 'https://files.world.test',
};

export function workspace(world: World): { dir: string; goals: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-run-'));
  writeFileSync(join(dir, 'goals.yml'), world.goalsYaml);
  return { dir, goals: 'goals.yml' };
}

export async function runInProcess(
  world: World,
  dir: string,
  request: RunOptions['request'],
  now = new Date('2026-11-02T06:00:00Z'),
  /** Sees the logger's lines as they are written (for tests that watch progress). */
  watch?: (log: ReturnType<typeof memoryLogger>) => void,
) {
  const masker = new SecretMasker();
  const log = memoryLogger();
  watch?.(log);
  const http = createHttpClient({ masker, log, sleep: async () => {}, maxRetries: 2 });
  const outcome = await runPipeline(
    { goalsFile: 'goals.yml', request, dryRun: true, outDir: 'out', historyDir: undefined, refresh: false },
    { env: world.env, cwd: dir, now: () => now, log, masker, http, readFile: (p) => readFile(resolve(dir, p), 'utf8') },
  );
  const snapshot = JSON.parse(readFileSync(join(dir, 'out', 'snapshot.json'), 'utf8')) as {
    period: string;
    metrics: Record<string, { value: number | null; status: string; reason?: string; health?: { level: number; reasons: string[] } }>;
  };
  return { ...outcome, snapshot, log, requests: http.stats().requests, byHost: http.stats().byHost };
}
