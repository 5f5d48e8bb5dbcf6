// The executor's handbook side (execute.ts orchestrates): read the branch once and commit the report
// with the pending marks (a stale read is read and planned again once), the PI data in its own
// project, the merge request's text, and the deliveries' results in place of the pending marks.
import { forGitlabMarkdown } from '../../render/escape.ts';
import { changedWhileWriting } from '../../errors/publish.ts';
import { periodOfFileName } from '../../history/serialize.ts';
import type { Logger } from '../../log.ts';
import type { PublishInput, PublishOutcome } from '../publication.ts';
import { type BranchRead, type PlanInput, planDeliveryRecord, planPiData, planPublication, type PublishPlan } from '../plan.ts';
import type { Publication } from '../record.ts';
import type { HandbookTarget, PiDataTarget } from '../targets.ts';
import { plural } from '../../text.ts';
import { commitChecked, type HandbookFile, readFiles } from './commit.ts';
import { upsertMergeRequest } from './merge-request.ts';
import { chooseDestination, type Destination } from './where.ts';

/** One read of everything the commit may touch; the page on the target branch decides where it goes. */
async function readBranch(handbook: HandbookTarget, input: PlanInput, log: Logger): Promise<BranchRead> {
  const { api, settings } = handbook;
  const paths = [...new Set([...input.files.map((f) => f.path), input.snapshotPath])];
  const onTarget = await readFiles(api, settings.branch, paths);
  const stamped = [settings.page, ...(input.piDataPath ? [input.piDataPath] : [])].map((path) => ({ path, file: onTarget.get(path) }));
  const destination = await chooseDestination(api, settings, input.period, log, stamped);
  const files = destination.branch === settings.branch || destination.startBranch ? onTarget : await readFiles(api, destination.branch, paths);
  // The newest month published on the target branch: an older month does not replace its page.
  const newestPeriod = (await api.treeNames(settings.dataDir, settings.branch))
    .map(periodOfFileName)
    .filter((p): p is string => p !== undefined)
    .sort()
    .at(-1);
  return { destination, files, newestPeriod };
}

/** The report commit; a stale read is read and planned again once. */
export async function commitReport(handbook: HandbookTarget, input: PlanInput, outcome: PublishOutcome, log: Logger): Promise<{ plan: PublishPlan; destination: Destination }> {
  for (let tries = 0; ; tries++) {
    const read = await readBranch(handbook, input, log);
    const plan = planPublication(read, input);
    for (const note of plan.notes) log.warn(`handbook: ${note}`);
    const destination = plan.destination;
    outcome.branch = destination.branch;
    if (plan.actions.length === 0) {
      log.info(`handbook: nothing changed on ${destination.branch}; no commit`);
      return { plan, destination };
    }
    const done = await commitChecked(handbook.api, destination, plan, read.files, log);
    if (done.kind === 'committed') {
      if (done.commit) outcome.commits.push(done.commit);
      log.info(`handbook: committed ${plural(plan.actions.length, 'file')} to ${destination.branch}${done.commit ? `: ${done.commit.web_url}` : ''}`);
      const { startBranch: _created, ...onBranch } = destination;
      return { plan, destination: onBranch };
    }
    if (tries >= 1) throw changedWhileWriting({ what: destination.branch, reason: done.reason });
    log.warn(`handbook: ${handbook.settings.branch} changed while this run was writing (${done.reason}); reading it again and retrying once`);
  }
}

/** What a record commit says it recorded: "the email delivery (sent)", or every channel's state. */
export function recordedWords(publication: Publication, changed: ReadonlySet<string>): string {
  const parts = (['email', 'slack', 'teams'] as const).filter((k) => changed.has(k) && publication[k]).map((k) => `${k} ${publication[k]?.state ?? ''}`);
  return parts.length === 1 && changed.has('email') ? `the email delivery (${publication.email?.state ?? ''})` : `the deliveries (${parts.join(', ')})`;
}

/** The deliveries' results in place of the pending marks: read, then commit on that read. */
export async function recordDelivery(handbook: HandbookTarget, destination: Destination, input: PlanInput, publication: Publication, changed: ReadonlySet<string>, outcome: PublishOutcome, log: Logger): Promise<void> {
  const ref = destination.startBranch ?? destination.branch;
  for (let tries = 0; ; tries++) {
    const read = await readFiles(handbook.api, ref, [input.snapshotPath]);
    const change = planDeliveryRecord(read, input, publication);
    if (change.actions.length === 0) return;
    const done = await commitChecked(handbook.api, destination, change, read, log);
    if (done.kind === 'committed') {
      if (done.commit) outcome.records.push(done.commit);
      log.info(`handbook: recorded ${recordedWords(publication, changed)} in ${input.snapshotPath}${done.commit ? `: ${done.commit.web_url}` : ''}`);
      return;
    }
    if (tries >= 1) throw new Error(`${input.snapshotPath} changed again while recording (${done.reason})`);
    log.warn(`handbook: ${input.snapshotPath} changed while this run was recording the delivery (${done.reason}); reading it again and retrying once`);
  }
}

/**
 * The PI data in its own project: read that branch once, choose the destination there (a hand edit
 * of the file sends it to a merge request, as for the page), commit only what differs. Its own
 * exactly-once: a re-run after this commit failed plans nothing for the handbook (already there)
 * and commits only this file.
 */
export async function commitPiData(target: PiDataTarget, file: HandbookFile, input: PublishInput, kept: boolean, outcome: PublishOutcome, log: Logger): Promise<void> {
  const { api, settings } = target;
  const path = settings.page;
  for (let tries = 0; ; tries++) {
    const onTarget = await readFiles(api, settings.branch, [path]);
    const chosen = await chooseDestination(api, settings, input.period, log, [{ path, file: onTarget.get(path) }]);
    const files = chosen.branch === settings.branch || chosen.startBranch ? onTarget : await readFiles(api, chosen.branch, [path]);
    const plan = planPiData({ destination: chosen, files }, { period: input.period, title: input.title, generator: input.generator, file, kept });
    let destination = plan.destination;
    if (plan.actions.length === 0) {
      log.info(`PI data: nothing changed in ${settings.project} on ${destination.branch}; no commit`);
    } else {
      const done = await commitChecked(api, destination, plan, files, log);
      if (done.kind === 'stale') {
        if (tries >= 1) throw changedWhileWriting({ what: `${path} in ${settings.project}`, reason: done.reason });
        log.warn(`PI data: ${path} in ${settings.project} changed while this run was writing (${done.reason}); reading it again and retrying once`);
        continue;
      }
      if (done.commit) outcome.commits.push(done.commit);
      log.info(`PI data: committed ${path} to ${settings.project} ${destination.branch}${done.commit ? `: ${done.commit.web_url}` : ''}`);
      const { startBranch: _created, ...onBranch } = destination;
      destination = onBranch;
    }
    if (destination.viaMergeRequest && !destination.startBranch) outcome.piDataMergeRequest = await upsertMergeRequest(api, mergeRequestText(input, settings.branch, destination, 'PI data file'), log);
    return;
  }
}

export function mergeRequestText(input: PublishInput, target: string, destination: Destination, what = 'page'): { sourceBranch: string; targetBranch: string; title: string; description: string } {
  const lines = [`The monthly report for ${input.period}, generated by ${input.generator}.`, '', `Merging this publishes it on \`${target}\`. The page and the data are generated: change goals.yml (targets, metrics, recipients) rather than editing them here.`];
  if (destination.handEdit) {
    const e = destination.handEdit;
    lines.push(
      '',
      `**The ${what} on \`${target}\` was edited by hand** in ${e.webUrl} ("${forGitlabMarkdown(e.title)}", by ${forGitlabMarkdown(e.author)}). This merge request would replace that edit: carry it into goals.yml or the templates first, or close this merge request to keep the page as it is.`,
    );
  }
  return { sourceBranch: destination.branch, targetBranch: target, title: `${input.title}: ${input.period}`, description: lines.join('\n') };
}
