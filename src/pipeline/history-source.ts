// Where a run reads history from: an explicit --history DIR, else the handbook repository when the
// goals file names one and its token is set, else the local --out DIR (so repeated local runs and
// backfills build on each other).
import { join, resolve } from 'node:path';
import type { Env } from '../env.ts';
import type { Goals } from '../goals/goals.ts';
import { LocalDirStore } from '../history/local-store.ts';
import type { HistoryStore } from '../history/store.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import { HandbookApi, HandbookHistory } from '../publish/index.ts';

export interface HistoryPlace {
  outDir: string;
  historyDir?: string | undefined;
}

export function localHistoryDir(place: HistoryPlace, cwd: string): string {
  return resolve(cwd, place.historyDir ?? join(place.outDir, 'history'));
}

/**
 * The handbook repository as a history store, when the goals file names one and its token is set:
 * the snapshots on `branch` plus those on the job's open merge-request branches, so a month waiting
 * for review is not collected or emailed again.
 */
export function handbookStore(goals: Goals, deps: { env: Env; http: HttpClient; log: Logger }): { store: HandbookHistory; label: string } | undefined {
  const handbook = goals.publish.handbook;
  const token = handbook && deps.env[handbook.token_env];
  if (!handbook || !token) return undefined;
  const api = new HandbookApi({ http: deps.http, url: handbook.url, project: handbook.project, token, tokenEnv: handbook.token_env });
  const store = new HandbookHistory({ http: deps.http, api, url: handbook.url, project: handbook.project, branch: handbook.branch, dataDir: handbook.data_dir, token, tokenEnv: handbook.token_env, log: deps.log });
  return { store, label: `${handbook.project}@${handbook.branch}:${handbook.data_dir}` };
}

export function localHistory(place: HistoryPlace, deps: { cwd: string; log: Logger }): { store: HistoryStore; label: string } {
  const dir = localHistoryDir(place, deps.cwd);
  return { store: new LocalDirStore(dir, deps.log), label: dir };
}
