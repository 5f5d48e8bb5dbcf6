// Where this period's commit goes. mode: commit writes to `branch`, unless the page or the PI data
// file there was edited by hand since the job wrote it (or was not written by it): then on_manual_edit decides (merge_request: the job's own
// branch and an MR, so a person chooses; overwrite; fail). mode: merge_request always writes to
// `community-pulse/YYYY-MM`, created from `branch` by the first commit (start_branch).
import { PulseError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { HandbookApi, RepoFile } from './api.ts';
import { pageState } from './stamp.ts';
import { forLogLine } from '../../render/escape.ts';

export type OnManualEdit = 'merge_request' | 'overwrite' | 'fail';

export interface HandbookSettings {
  project: string;
  branch: string;
  page: string;
  /** The PI data file's path, when the job writes one (stamped and guarded like the page). */
  piData?: string | undefined;
  dataDir: string;
  mode: 'commit' | 'merge_request';
  onManualEdit: OnManualEdit;
}

export interface HandEdit {
  commitId: string;
  author: string;
  title: string;
  webUrl: string;
}

export interface Destination {
  /** The branch the commit goes to. */
  branch: string;
  /** Set while `branch` does not exist yet: the first commit creates it from here. */
  startBranch?: string;
  /** The commit goes through a merge request into settings.branch. */
  viaMergeRequest: boolean;
  /** The hand edit that sent the commit to a merge request (or that is being overwritten). */
  handEdit?: HandEdit;
}

export function periodBranch(period: string): string {
  return `community-pulse/${period}`;
}

async function describeEdit(api: HandbookApi, lastCommitId: string): Promise<HandEdit> {
  const commit = await api.commit(lastCommitId);
  return { commitId: commit.id, author: commit.author_email ? `${commit.author_name} <${commit.author_email}>` : commit.author_name, title: commit.title, webUrl: commit.web_url };
}

/**
 * Decides the destination from the generated files as read on the target branch (the same read
 * the commit's last_commit_id comes from): the page and the PI data file, each stamped by the job.
 * Logs a hand edit of either by commit and author.
 */
export async function chooseDestination(api: HandbookApi, settings: HandbookSettings, period: string, log: Logger, stamped: ReadonlyArray<{ path: string; file: RepoFile | undefined }>): Promise<Destination> {
  let handEdit: HandEdit | undefined;
  let editedPath = settings.page;
  for (const { path, file } of stamped) {
    if (!file) continue;
    const state = pageState(file.content.toString('utf8'));
    if (state.kind === 'generated') continue;
    const edit = await describeEdit(api, file.lastCommitId);
    const what = state.kind === 'edited' ? 'was edited by hand since community-pulse wrote it' : 'was not written by community-pulse (it has no community_pulse_sha256 stamp)';
    log.warn(`handbook: ${path} on ${settings.branch} ${what}: last commit ${edit.commitId.slice(0, 8)} "${forLogLine(edit.title)}" by ${forLogLine(edit.author)}`);
    if (!handEdit) {
      handEdit = edit;
      editedPath = path;
    }
  }
  const toMergeRequest = async (): Promise<Destination> => {
    const branch = periodBranch(period);
    const exists = (await api.branch(branch)) !== undefined;
    return { branch, ...(exists ? {} : { startBranch: settings.branch }), viaMergeRequest: true, ...(handEdit ? { handEdit } : {}) };
  };
  if (settings.mode === 'merge_request') return toMergeRequest();
  if (!handEdit) return { branch: settings.branch, viaMergeRequest: false };
  switch (settings.onManualEdit) {
    case 'overwrite':
      log.warn(`handbook: on_manual_edit: overwrite — replacing the hand-edited ${editedPath} (the edit stays in the history of ${settings.branch})`);
      return { branch: settings.branch, viaMergeRequest: false, handEdit };
    case 'fail':
      throw new PulseError(
        'EPUBLISH',
        `${editedPath} on ${settings.branch} was edited by hand (commit ${handEdit.commitId.slice(0, 8)} by ${forLogLine(handEdit.author)}); on_manual_edit: fail stops before overwriting it`,
        'Move the edit into goals.yml (or the templates), restore the generated page, then re-run — or set publish.handbook.on_manual_edit to merge_request or overwrite.',
      );
    case 'merge_request':
      log.info(`handbook: not overwriting the hand edit on ${settings.branch}; the report goes to a merge request instead (on_manual_edit: merge_request)`);
      return toMergeRequest();
  }
}
