// The goals file as it is on a merge request's TARGET branch, read from git. In a merge-request
// pipeline the working tree is the merge request's (anyone who can open one wrote it); the target
// branch is what maintainers merged. Connection settings are taken from there.
//
// Which commit: `origin/<target>`, the target branch as it is now (what the monthly job runs
// with). GitLab's merge-request pipelines usually clone only the source branch, so when that ref
// is missing it is fetched once (depth 1, read-only, with the job's own clone credentials). If the
// fetch fails, CI_MERGE_REQUEST_DIFF_BASE_SHA (the target commit the MR branched from, set by
// GitLab) is tried. Neither can be changed by the merge request's author.
import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import type { Env } from '../env.ts';
import { PulseError } from '../errors.ts';
import { mrTargetUnreadable, mrTargetUnsafe, mrTargetUnset } from '../errors/preview.ts';
import type { GoalsLocation } from '../goals/location.ts';
import { type LoadedGoals, MAX_GOALS_BYTES, parseGoals } from '../goals/load.ts';

export interface MergeRequestPipeline {
  /** CI_MERGE_REQUEST_TARGET_BRANCH_NAME, e.g. main */
  target: string;
  /** CI_MERGE_REQUEST_DIFF_BASE_SHA, when GitLab set it. */
  diffBase?: string | undefined;
}

/** A merge-request pipeline (CI_PIPELINE_SOURCE=merge_request_event with a target branch), else undefined. */
export function mergeRequestPipeline(env: Env): MergeRequestPipeline | undefined {
  if (env.CI_PIPELINE_SOURCE !== 'merge_request_event') return undefined;
  const target = env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  if (!target) {
    throw mrTargetUnset();
  }
  return { target, diffBase: env.CI_MERGE_REQUEST_DIFF_BASE_SHA || undefined };
}

export interface TargetGoals extends LoadedGoals {
  /** e.g. "origin/main" */
  ref: string;
}

type Git = (args: readonly string[]) => Promise<string>;

function gitIn(cwd: string): Git {
  return (args) =>
    new Promise((done, fail) => {
      // No shell; the output is bounded like the goals file itself.
      // safe.directory for this command only: the runner's checkout may belong to another user than
      // the job's (the image runs as `node`), and git then refuses to read it.
      execFile('git', ['-c', 'safe.directory=*', ...args], { cwd, maxBuffer: MAX_GOALS_BYTES + 1, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
        if (error) fail(new Error(`git ${args.join(' ')}: ${stderr.trim() || error.message}`));
        else done(stdout);
      });
    });
}

const SAFE_REF = /^[A-Za-z0-9._/-]+$/;
const SHA = /^[0-9a-f]{7,64}$/;

/** Does `ref` have the file? undefined when the commit has no such file. */
async function showFile(git: Git, ref: string, path: string): Promise<string | undefined> {
  await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  try {
    await git(['cat-file', '-e', `${ref}:${path}`]);
  } catch {
    return undefined;
  }
  return git(['show', `${ref}:${path}`]);
}

/**
 * The target branch's version of `goalsFile` (as given; `location`: it resolved against `cwd` by
 * goals/location.ts, once for the command), parsed. `undefined` when the
 * target branch has no such file (a merge request that adds it). Throws EENV when git cannot
 * give the target branch at all, EGOALSINVALID when its file is invalid.
 */
export async function readTargetGoals(goalsFile: string, location: GoalsLocation, mr: MergeRequestPipeline, cwd: string, git: Git = gitIn(cwd)): Promise<TargetGoals | undefined> {
  if (!SAFE_REF.test(mr.target) || mr.target.startsWith('-') || mr.target.includes('..')) {
    throw mrTargetUnsafe(mr.target);
  }
  // `./` makes git resolve the path against the working directory, like --goals.
  const path = `./${relative(cwd, location.path)}`;
  const branch = `origin/${mr.target}`;
  const tried: string[] = [];
  const attempt = async (ref: string): Promise<TargetGoals | undefined | 'missing'> => {
    try {
      const source = await showFile(git, ref, path);
      return source === undefined ? undefined : { ...parseGoals(source, `${ref}:${goalsFile}`), ref };
    } catch (error) {
      if (error instanceof PulseError) throw error;
      tried.push(error instanceof Error ? error.message : String(error));
      return 'missing';
    }
  };
  let found = await attempt(branch);
  if (found === 'missing') {
    await git(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', `+refs/heads/${mr.target}:refs/remotes/${branch}`]).catch((error: unknown) => tried.push(error instanceof Error ? error.message : String(error)));
    found = await attempt(branch);
  }
  if (found === 'missing' && mr.diffBase && SHA.test(mr.diffBase)) found = await attempt(mr.diffBase);
  if (found === 'missing') {
    throw mrTargetUnreadable({ file: goalsFile, target: mr.target, tried });
  }
  return found;
}
