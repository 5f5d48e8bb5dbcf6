// The goals preview family (merge-request pipelines): the two ways out the preview always has,
// a merge-request pipeline that sets what GitLab sets, and a --history DIR of snapshots.
import { PulseError } from '../errors.ts';

const HISTORY_DIR = '--history DIR (goals-check input history_dir)';
const MR_PIPELINE = 'run the job in a GitLab merge-request pipeline';

/** CI_PIPELINE_SOURCE says merge request, but the target branch is missing. */
export function mrTargetUnset(): PulseError {
  return new PulseError('EENV', 'CI_PIPELINE_SOURCE is merge_request_event but CI_MERGE_REQUEST_TARGET_BRANCH_NAME is not set', `${MR_PIPELINE} (GitLab sets both), or unset CI_PIPELINE_SOURCE when running locally`);
}

/** The target branch's name is not one git may be asked about. */
export function mrTargetUnsafe(target: string): PulseError {
  return new PulseError('EENV', `CI_MERGE_REQUEST_TARGET_BRANCH_NAME "${target}" is not a branch name this job can read`, MR_PIPELINE);
}

/** git cannot give the goals file of the target branch (`tried`: what git said, one line each). */
export function mrTargetUnreadable(at: { file: string; target: string; tried: readonly string[] }): PulseError {
  return new PulseError(
    'EENV',
    `cannot read ${at.file} from the target branch ${at.target}: in a merge-request pipeline the connection settings (URLs, projects, token variables) come from there, not from the merge request`,
    `let the job fetch the target branch (the runner's git credentials must allow \`git fetch origin ${at.target}\`), or give the preview its history with ${HISTORY_DIR}`,
    { details: at.tried.map((t) => `  ${t}`) },
  );
}

/** The goals file is new in the merge request: no handbook on the target branch to read history from. */
export function previewGoalsNew(at: { file: string; target: string }): PulseError {
  return new PulseError(
    'EARGS',
    `${at.file} is new in this merge request (${at.target} has no such file): there is no handbook on ${at.target} to read history from, and the merge request's own publish.handbook is not trusted with a token`,
    `give the preview its history with ${HISTORY_DIR}; once the file is on the target branch, later merge requests read the handbook it names`,
  );
}

/** Reading a private handbook failed without a token (`env`: the read-token variable not set): name the token the preview should have. */
export function previewNeedsReadToken(error: PulseError, env: string): PulseError {
  const fix = `${error.fix} ${env} is not set in this job. Give the preview its own read-only token: a project access token on the handbook project with the read_api scope and the Reporter role, in a masked CI/CD variable named by the goals-check input preview_token_variable (--read-token-env); see docs/tokens.md. Never make the handbook's write token (api scope) available to merge-request pipelines. Or give the preview a ${HISTORY_DIR}.`;
  return new PulseError(error.code, error.message, fix, { details: error.details, cause: error });
}

/** Nowhere to read history from: no handbook in the goals file and no --history DIR. */
export function previewNoHistory(): PulseError {
  return new PulseError('EARGS', 'no history to preview against: the goals file has no publish.handbook and no --history DIR was given', "pass --history DIR (a directory of YYYY-MM.json snapshots, e.g. the history/ folder of a report job's artifacts)");
}

/** The month to preview is not stored (`label` undefined: nothing is stored at all in `where`). */
export function previewMonthNotStored(at: { label: string | undefined; where: string; stored: readonly string[] }): PulseError {
  return new PulseError(
    'EARGS',
    at.label === undefined ? `no stored report to preview: ${at.where} holds no snapshot` : `no stored report for ${at.label} in ${at.where} (it has ${at.stored.join(', ') || 'none'})`,
    'the preview judges a month that was already collected: run the report once (or `community-pulse backfill`), point --history at a directory of snapshots, or pick a stored month with --period',
  );
}
