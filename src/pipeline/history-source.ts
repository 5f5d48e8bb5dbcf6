// Where a run reads history from: an explicit --history DIR, else the handbook repository when the
// goals file names one and its token is set, else the local --out DIR (so repeated local runs and
// backfills build on each other).
import { join, resolve } from 'node:path';
import type { Goals } from '../goals/goals.ts';
import { GitlabRepoStore } from '../history/gitlab-store.ts';
import { LocalDirStore } from '../history/local-store.ts';
import type { HistoryStore } from '../history/store.ts';
import type { RunDeps, RunOptions } from './state.ts';

export function localHistoryDir(options: RunOptions, cwd: string): string {
  return resolve(cwd, options.historyDir ?? join(options.outDir, 'history'));
}

export function chooseHistory(goals: Goals, options: RunOptions, deps: RunDeps): { store: HistoryStore; label: string } {
  const handbook = goals.publish.handbook;
  if (options.historyDir === undefined && handbook) {
    const token = deps.env[handbook.token_env];
    if (token) {
      deps.masker.add(token);
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
    deps.log.warn(`${handbook.token_env} is not set: reading history from the local directory instead of ${handbook.project}`);
  }
  const dir = localHistoryDir(options, deps.cwd);
  return { store: new LocalDirStore(dir, deps.log), label: dir };
}
