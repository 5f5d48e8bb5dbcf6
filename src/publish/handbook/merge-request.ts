// One merge request per period branch: opened by the first run, its title and description
// updated by later runs. GitLab answers 409 when an open MR already exists for the source branch
// (another run got there first): then that one is updated.
import { isHttpError } from '../../http/errors.ts';
import type { Logger } from '../../log.ts';
import type { HandbookApi } from './api.ts';
import type { MergeRequestInfo } from './responses.ts';

export interface MergeRequestText {
  sourceBranch: string;
  targetBranch: string;
  title: string;
  description: string;
}

export async function upsertMergeRequest(api: HandbookApi, text: MergeRequestText, log: Logger): Promise<MergeRequestInfo> {
  const find = async () => (await api.openMergeRequests({ sourceBranch: text.sourceBranch, targetBranch: text.targetBranch }))[0];
  let open = await find();
  if (!open) {
    try {
      const created = await api.createMergeRequest(text);
      log.info(`handbook: opened merge request !${created.iid}: ${created.web_url}`);
      return created;
    } catch (error) {
      if (!(isHttpError(error) && error.status === 409)) throw error;
      open = await find();
      if (!open) throw error;
    }
  }
  if (open.title === text.title && (open.description ?? '') === text.description) {
    log.info(`handbook: merge request !${open.iid} is up to date: ${open.web_url}`);
    return open;
  }
  const updated = await api.updateMergeRequest(open.iid, { title: text.title, description: text.description });
  log.info(`handbook: updated merge request !${updated.iid}: ${updated.web_url}`);
  return updated;
}
