// A real git repository as a merge-request pipeline sees it: an `origin` with the target branch
// (main) and the merge request's branch, and the job's clone checked out at the merge request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface MrRepo {
  /** The job's working tree (the merge request's commit). */
  clone: string;
  /** The target branch's commit the merge request branched from (CI_MERGE_REQUEST_DIFF_BASE_SHA). */
  diffBase: string;
}

/**
 * `main` holds `targetFiles`, the branch `mr` changes them to `mrFiles`. `singleBranch` clones only
 * the MR branch (as GitLab's runner does), so origin/main is not in the clone.
 */
export function mrRepo(targetFiles: Record<string, string>, mrFiles: Record<string, string>, { singleBranch = false } = {}): MrRepo {
  const root = mkdtempSync(join(tmpdir(), 'pulse-mr-repo-'));
  const origin = join(root, 'origin.git');
  const work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', '-b', 'main', origin);
  git(root, 'init', '--quiet', '-b', 'main', work);
  const commit = (files: Record<string, string>, message: string) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '-m', message);
  };
  commit(targetFiles, 'goals on main');
  const diffBase = git(work, 'rev-parse', 'HEAD').trim();
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'push', '--quiet', 'origin', 'main');
  git(work, 'checkout', '--quiet', '-b', 'mr');
  commit(mrFiles, 'the merge request');
  git(work, 'push', '--quiet', 'origin', 'mr');
  const clone = join(root, 'clone');
  git(root, 'clone', '--quiet', ...(singleBranch ? ['--single-branch'] : []), '--branch', 'mr', origin, clone);
  return { clone, diffBase };
}

/** The env GitLab sets in a merge-request pipeline into `main`. */
export function mrPipelineEnv(diffBase: string): Record<string, string> {
  return { CI: 'true', CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_MERGE_REQUEST_DIFF_BASE_SHA: diffBase, CI_PROJECT_ID: '42', CI_MERGE_REQUEST_IID: '7' };
}
