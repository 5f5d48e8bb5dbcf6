// Where a preview reads the stored reports: --history DIR, else the handbook repository the goals
// file publishes to. The preview only reads, so it has its own read-only token (--read-token-env:
// read_api, Reporter role) and never needs the handbook's write token; without one it falls back to
// publish.handbook.token_env when that is set here, else reads without a token (a public handbook).
// In a merge-request pipeline `goals` is the TARGET branch's file (see target-goals.ts).
import { resolve } from 'node:path';
import { previewNoHistory } from '../errors/preview.ts';
import type { Goals } from '../goals/goals.ts';
import { GitlabRepoStore } from '../history/gitlab-store.ts';
import { LocalDirStore } from '../history/local-store.ts';
import type { HistoryStore } from '../history/store.ts';
import type { Services } from '../services.ts';

/** The composition root's Services, and the directory --history is relative to. */
export type PreviewHistoryDeps = Omit<Services, 'now'> & { cwd: string };

export interface PreviewHistory {
  store: HistoryStore;
  label: string;
  /** The handbook is read without a token because its variable is not set here. */
  withoutToken?: string;
}

export function previewHistory(goals: Goals, historyDir: string | undefined, readTokenEnv: string | undefined, deps: PreviewHistoryDeps): PreviewHistory {
  if (historyDir !== undefined) {
    const dir = resolve(deps.cwd, historyDir);
    return { store: new LocalDirStore(dir, deps.log), label: historyDir };
  }
  const handbook = goals.publish.handbook;
  if (!handbook) {
    throw previewNoHistory();
  }
  const tokenEnv = readTokenEnv ?? handbook.token_env;
  const token = deps.env[tokenEnv] || undefined;
  if (token) deps.masker.add(token);
  else deps.log.info(`${tokenEnv} is not set here: reading ${handbook.project} without a token (works for a public handbook)`);
  const store = new GitlabRepoStore({ http: deps.http, url: handbook.url, project: handbook.project, ref: handbook.branch, dataDir: handbook.data_dir, token, tokenEnv, log: deps.log });
  return { store, label: `${handbook.project}@${handbook.branch}:${handbook.data_dir}`, ...(token ? {} : { withoutToken: tokenEnv }) };
}
