// Where this period's commit goes. mode: commit writes to `branch`, unless the page there was
// edited by hand since the job wrote it: then on_manual_edit decides (merge_request: the job's own
// branch and an MR, so a person chooses; overwrite; fail). mode: merge_request always writes to
// `community-pulse/YYYY-MM`, created from `branch` by the first commit (start_branch).
import { PulseError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { HandbookApi } from './api.ts';
import { pageState } from './stamp.ts';
import { forLogLine } from '../../render/escape.ts';

export type OnManualEdit = 'merge_request' | 'overwrite' | 'fail';

export interface HandbookSettings {
  project: string;
  branch: string;
  page: string;
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

/** Reads the page on the target branch and decides the destination; logs a hand edit by commit and author. */
export async function chooseDestination(api: HandbookApi, settings: HandbookSettings, period: string, log: Logger): Promise<Destination> {
  let handEdit: HandEdit | undefined;
  const page = await api.readFile(settings.page, settings.branch);
  if (page) {
    const state = pageState(page.content.toString('utf8'));
    if (state.kind !== 'generated') {
      handEdit = await describeEdit(api, page.lastCommitId);
      const what = state.kind === 'edited' ? 'was edited by hand since community-pulse wrote it' : 'was not written by community-pulse (it has no community_pulse_sha256 stamp)';
      log.warn(`handbook: ${settings.page} on ${settings.branch} ${what}: last commit ${handEdit.commitId.slice(0, 8)} "${forLogLine(handEdit.title)}" by ${forLogLine(handEdit.author)}`);
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
      log.warn(`handbook: on_manual_edit: overwrite — replacing the hand-edited page (the edit stays in the history of ${settings.branch})`);
      return { branch: settings.branch, viaMergeRequest: false, handEdit };
    case 'fail':
      throw new PulseError(
        'EPUBLISH',
        `${settings.page} on ${settings.branch} was edited by hand (commit ${handEdit.commitId.slice(0, 8)} by ${forLogLine(handEdit.author)}); on_manual_edit: fail stops before overwriting it`,
        'Move the edit into goals.yml (or the templates), restore the generated page, then re-run — or set publish.handbook.on_manual_edit to merge_request or overwrite.',
      );
    case 'merge_request':
      log.info(`handbook: not overwriting the hand edit on ${settings.branch}; the report goes to a merge request instead (on_manual_edit: merge_request)`);
      return toMergeRequest();
  }
}
