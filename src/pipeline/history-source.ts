// Where a run reads history from: an explicit --history DIR, else the handbook repository when the
// goals file names one and its token is set, else the local --out DIR (so repeated local runs and
// backfills build on each other).
import { join, resolve } from 'node:path';
import type { Env } from '../env.ts';
import type { Goals } from '../goals/goals.ts';
import { GitlabRepoStore } from '../history/gitlab-store.ts';
import { LocalDirStore } from '../history/local-store.ts';
import type { HistoryStore } from '../history/store.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';

export interface HistoryPlace {
  outDir: string;
  historyDir?: string | undefined;
}

export function localHistoryDir(place: HistoryPlace, cwd: string): string {
  return resolve(cwd, place.historyDir ?? join(place.outDir, 'history'));
}

/** The handbook repository as a history store, when the goals file names one and its token is set. */
export function handbookStore(goals: Goals, deps: { env: Env; http: HttpClient; log: Logger }): { store: GitlabRepoStore; label: string } | undefined {
  const handbook = goals.publish.handbook;
  const token = handbook && deps.env[handbook.token_env];
  if (!handbook || !token) return undefined;
  const store = new GitlabRepoStore({
    http: deps.http,
    url: handbook.url,
    project: handbook.project,
    ref: handbook.branch,
    dataDir: handbook.data_dir,
    token,
    tokenEnv: handbook.token_env,
    log: deps.log,
  });
  return { store, label: `${handbook.project}@${handbook.branch}:${handbook.data_dir}` };
}

export function localHistory(place: HistoryPlace, deps: { cwd: string; log: Logger }): { store: HistoryStore; label: string } {
  const dir = localHistoryDir(place, deps.cwd);
  return { store: new LocalDirStore(dir, deps.log), label: dir };
}
