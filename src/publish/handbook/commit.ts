// One atomic commit of several files through the Commits API, and what its answer means. Every
// update carries the last_commit_id of the read the plan was made from (a create: the file was
// absent), so a change in between is refused by GitLab. Whatever goes wrong with the answer — a
// refusal in any wording, a 502 or timeout after GitLab applied it, a body that is not a commit —
// the branch is read again and compared with the plan (plan.ts commitVerdict): the commit landed,
// the read was stale (plan again), or the error stands.
import type { Logger } from '../../log.ts';
import { type CommitVerdict, commitVerdict, type StoredFile } from '../plan.ts';
import type { CommitAction, HandbookApi } from './api.ts';
import type { CommitInfo } from './responses.ts';
import type { Destination } from './where.ts';

export interface HandbookFile {
  path: string;
  content: string | Uint8Array;
}

/** The files at `paths` on `ref`, read at once: undefined for an absent one. */
export async function readFiles(api: HandbookApi, ref: string, paths: readonly string[]): Promise<Map<string, StoredFile | undefined>> {
  const read = await Promise.all(paths.map((p) => api.readFile(p, ref)));
  return new Map(paths.map((p, i) => [p, read[i]]));
}

export interface CommitChange {
  actions: CommitAction[];
  expected: ReadonlyMap<string, Buffer>;
  message: string;
}

export type CommitOutcome = { kind: 'committed'; commit: CommitInfo | undefined; lostAnswer: boolean } | { kind: 'stale'; reason: string };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Commits `change`, made from `before` (read on the destination's ref); see the file comment. */
export async function commitChecked(api: HandbookApi, destination: Destination, change: CommitChange, before: ReadonlyMap<string, StoredFile | undefined>, log: Logger): Promise<CommitOutcome> {
  try {
    const commit = await api.createCommit({ branch: destination.branch, ...(destination.startBranch ? { startBranch: destination.startBranch } : {}), message: change.message, actions: change.actions });
    return { kind: 'committed', commit, lostAnswer: false };
  } catch (error) {
    let verdict: CommitVerdict;
    let branchCreated = false;
    try {
      branchCreated = destination.startBranch !== undefined && (await api.branch(destination.branch)) !== undefined;
      const ref = destination.startBranch && !branchCreated ? destination.startBranch : destination.branch;
      verdict = commitVerdict(before, change.expected, await readFiles(api, ref, [...change.expected.keys()]));
    } catch (readError) {
      log.warn(`handbook: could not read ${destination.branch} back after the commit failed (${describe(readError)})`);
      throw error;
    }
    if (verdict.kind === 'landed') {
      log.warn(`handbook: the answer to the commit to ${destination.branch} was lost (${describe(error)}), but the branch holds exactly what it committed: going on as committed`);
      const path = [...change.expected.keys()][0];
      const last = path === undefined ? undefined : (await api.readFile(path, destination.branch).catch(() => undefined))?.lastCommitId;
      const commit = last ? await api.commit(last).catch(() => undefined) : undefined;
      return { kind: 'committed', commit, lostAnswer: true };
    }
    if (verdict.kind === 'stale' || branchCreated) return { kind: 'stale', reason: describe(error) };
    throw error;
  }
}
