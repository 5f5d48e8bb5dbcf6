// One atomic commit of several files through the Commits API. Each file is read just before (on
// the branch, or on start_branch while the branch does not exist yet); files whose bytes are
// already there are left out, and nothing changed means no commit. Every update carries the
// last_commit_id of that read, so an edit that lands in between is refused by GitLab (400 "…has
// changed since you started editing it"): the caller then reads everything again (including
// whether the page was edited by hand) and retries once. The same check makes the HTTP client's
// retry of a POST safe.
import type { Logger } from '../../log.ts';
import { type CommitAction, type HandbookApi, StaleWriteError } from './api.ts';
import type { CommitInfo } from './responses.ts';
import type { Destination } from './where.ts';

export interface HandbookFile {
  path: string;
  content: string | Uint8Array;
}

function bytesOf(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/** Text files go as text (readable in the commit API's log); anything else as base64. */
function encode(file: HandbookFile): { content: string; encoding: 'text' | 'base64' } {
  return typeof file.content === 'string' ? { content: file.content, encoding: 'text' } : { content: Buffer.from(file.content).toString('base64'), encoding: 'base64' };
}

export function isStaleWrite(error: unknown): boolean {
  return error instanceof StaleWriteError;
}

async function actionsFor(api: HandbookApi, ref: string, files: readonly HandbookFile[]): Promise<CommitAction[]> {
  const current = await Promise.all(files.map((f) => api.readFile(f.path, ref)));
  const actions: CommitAction[] = [];
  files.forEach((file, i) => {
    const now = current[i];
    if (now && now.content.equals(bytesOf(file.content))) return;
    actions.push(now ? { action: 'update', file_path: file.path, ...encode(file), last_commit_id: now.lastCommitId } : { action: 'create', file_path: file.path, ...encode(file) });
  });
  return actions;
}

export interface CommitResult {
  commit: CommitInfo;
  files: string[];
}

/**
 * Commits the files that differ; undefined when none does. Updates `destination` once the branch
 * exists (so later commits of this run go on top without start_branch). A stale read fails with
 * the HTTP error (see isStaleWrite): the caller decides how to read again.
 */
export async function commitFiles(api: HandbookApi, destination: Destination, files: readonly HandbookFile[], message: string): Promise<CommitResult | undefined> {
  const ref = destination.startBranch ?? destination.branch;
  const actions = await actionsFor(api, ref, files);
  if (actions.length === 0) return undefined;
  const commit = await api.createCommit({ branch: destination.branch, ...(destination.startBranch ? { startBranch: destination.startBranch } : {}), message, actions });
  delete destination.startBranch;
  return { commit, files: actions.map((a) => a.file_path) };
}

/** Runs `attempt` again once when GitLab refused it as a stale write, logging why. */
export async function retryStaleOnce<T>(what: string, log: Logger, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!isStaleWrite(error)) throw error;
    log.warn(`handbook: ${what} changed while this run was writing (${error instanceof Error ? error.message : String(error)}); reading it again and retrying once`);
    return attempt();
  }
}
