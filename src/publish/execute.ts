// The executor of a publication plan (changesets' apply-release-plan): read the destination once,
// plan (plan.ts, pure), commit the report with the email's pending mark, open or update the merge
// request, send, record the delivery. The pipeline and the tests call this one function; no state
// outlives a call. Failures do not throw: they are returned, each one exit 4.
import { forGitlabMarkdown } from '../render/escape.ts';
import { randomUUID } from 'node:crypto';
import { PulseError } from '../errors.ts';
import { periodOfFileName } from '../history/serialize.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { Logger } from '../log.ts';
import { decideEmail, type EmailDecision } from './delivery.ts';
import type { ComposedEmail } from './email/compose.ts';
import { deliveryFailure } from './email/transport.ts';
import { commitChecked, type HandbookFile, readFiles } from './handbook/commit.ts';
import { upsertMergeRequest } from './handbook/merge-request.ts';
import type { CommitInfo, MergeRequestInfo } from './handbook/responses.ts';
import { chooseDestination, type Destination } from './handbook/where.ts';
import { type BranchRead, type PlanInput, planDeliveryRecord, planPiData, planPublication, type PublishPlan } from './plan.ts';
import type { EmailDelivery } from './record.ts';
import type { EmailTarget, HandbookTarget, PiDataTarget } from './targets.ts';
import type { Services } from '../services.ts';

export interface PublishInput {
  period: string;
  title: string;
  /** The snapshot to record: this run's, or the stored one when the period was not collected again. */
  snapshot: Snapshot;
  /** Rendered files at their repository paths; the one at settings.page is stamped. */
  files: HandbookFile[];
  email?: ComposedEmail | undefined;
  resend: boolean;
  generator: string;
}

export interface EmailOutcome {
  state: 'sent' | 'already-sent' | 'failed' | 'unknown' | 'blocked' | 'not-sent';
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface PublishOutcome {
  branch?: string;
  /** The report commit (at most one), then the PI data's commit in its own project (at most one). */
  commits: CommitInfo[];
  /** The merge request of the PI data in its own project (pi_data_target), when it goes through one. */
  piDataMergeRequest?: MergeRequestInfo;
  /** The commit recording the email's delivery. */
  records: CommitInfo[];
  mergeRequest?: MergeRequestInfo;
  email?: EmailOutcome;
  /** Each one makes the run exit 4; everything else was still done. */
  failures: PulseError[];
}

export interface PublishTargets {
  handbook?: HandbookTarget | undefined;
  /** The PI data's own project (publish.handbook.pi_data_target). */
  piData?: PiDataTarget | undefined;
  email?: EmailTarget | undefined;
}

/** What the executor uses of the composition root's Services, and this run's id in the pending mark (default: random). */
export type PublishDeps = Pick<Services, 'log' | 'now'> & { attempt?: string };

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

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
async function commitReport(handbook: HandbookTarget, input: PlanInput, outcome: PublishOutcome, log: Logger): Promise<{ plan: PublishPlan; destination: Destination }> {
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
    if (tries >= 1) throw new PulseError('EPUBLISH', `${destination.branch} changed again while this run was writing (${done.reason})`, 'Another run or a person is writing to the same files; re-run the job once they are done.');
    log.warn(`handbook: ${handbook.settings.branch} changed while this run was writing (${done.reason}); reading it again and retrying once`);
  }
}

/** The delivery's result in place of the pending mark: read, then commit on that read. */
async function recordDelivery(handbook: HandbookTarget, destination: Destination, input: PlanInput, result: EmailDelivery, outcome: PublishOutcome, log: Logger): Promise<void> {
  const ref = destination.startBranch ?? destination.branch;
  for (let tries = 0; ; tries++) {
    const read = await readFiles(handbook.api, ref, [input.snapshotPath]);
    const change = planDeliveryRecord(read, input, result);
    if (change.actions.length === 0) return;
    const done = await commitChecked(handbook.api, destination, change, read, log);
    if (done.kind === 'committed') {
      if (done.commit) outcome.records.push(done.commit);
      log.info(`handbook: recorded the email delivery (${result.state}) in ${input.snapshotPath}${done.commit ? `: ${done.commit.web_url}` : ''}`);
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
async function commitPiData(target: PiDataTarget, file: HandbookFile, input: PublishInput, kept: boolean, outcome: PublishOutcome, log: Logger): Promise<void> {
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
        if (tries >= 1) throw new PulseError('EPUBLISH', `${path} in ${settings.project} changed again while this run was writing (${done.reason})`, 'Another run or a person is writing to the same file; re-run the job once they are done.');
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

function mergeRequestText(input: PublishInput, target: string, destination: Destination, what = 'page'): { sourceBranch: string; targetBranch: string; title: string; description: string } {
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

/** Publishes one period: every failure is returned (each one exit 4), nothing is thrown. */
export async function publishPeriod(input: PublishInput, targets: PublishTargets, deps: PublishDeps): Promise<PublishOutcome> {
  const { log } = deps;
  const { handbook, email, piData } = targets;
  const outcome: PublishOutcome = { commits: [], records: [], failures: [] };
  const fail = (msg: string, fix: string) => outcome.failures.push(new PulseError('EPUBLISH', msg, fix));
  if (!handbook && !email) return outcome;
  const planInput: PlanInput = {
    period: input.period,
    title: input.title,
    generator: input.generator,
    snapshot: input.snapshot,
    // The PI data of pi_data_target goes to its own project, never into the handbook's commit.
    files: input.files.filter((f) => !(handbook?.elsewhere ?? []).includes(f.path)),
    pagePath: handbook?.settings.page ?? '',
    piDataPath: handbook?.settings.piData,
    snapshotPath: handbook ? `${handbook.settings.dataDir}/${input.period}.json` : '',
    messageId: email ? input.email?.messageId : undefined,
    resend: input.resend,
    attemptedAt: deps.now().toISOString(),
    attempt: deps.attempt ?? randomUUID(),
  };

  let decision: EmailDecision | undefined;
  let destination: Destination | undefined;
  let pending: EmailDelivery | undefined;
  let kept = false;
  if (handbook) {
    try {
      const done = await commitReport(handbook, planInput, outcome, log);
      ({ destination } = done);
      decision = done.plan.email;
      pending = done.plan.pending;
      if (destination.viaMergeRequest && !destination.startBranch) outcome.mergeRequest = await upsertMergeRequest(handbook.api, mergeRequestText(input, handbook.settings.branch, destination), log);
      kept = done.plan.pageKept;
    } catch (error) {
      fail(`handbook: the report was not committed: ${message(error)}`, `${error instanceof PulseError ? error.fix + ' ' : ''}Nothing was sent; re-run the job once this is fixed.`);
      if (input.email && email) {
        log.warn('email: not sent, because the report could not be committed (the delivery could not be recorded)');
        outcome.email = { state: 'not-sent', messageId: input.email.messageId, accepted: [], rejected: [] };
      }
      return outcome;
    }
  } else if (email && input.email) {
    log.warn('email: publish.handbook is not configured, so deliveries are not recorded anywhere: every run that is not a dry run sends the email');
    decision = decideEmail({ kind: 'none' }, { resend: input.resend, messageId: input.email.messageId });
  }

  // The PI data's own project, after the report is committed there: a failure here is reported
  // (exit 4) but the report and its email stand; the re-run commits only the PI data.
  const piFile = piData ? input.files.find((f) => f.path === piData.settings.page) : undefined;
  if (piData && piFile) {
    try {
      await commitPiData(piData, piFile, input, kept, outcome, log);
    } catch (error) {
      fail(
        `PI data: ${piData.settings.page} was not committed to ${piData.settings.project}: ${message(error)}`,
        `${error instanceof PulseError ? error.fix + ' ' : ''}The handbook report is committed; re-run the job: it commits only what is missing and does not send the email again.`,
      );
    }
  }

  if (!input.email || !email || !decision) return outcome;
  const messageId = input.email.messageId;
  if (!decision.send) {
    if (decision.outcome === 'already-sent') log.info(`email: ${decision.why}`);
    else fail(`email: ${decision.outcome === 'blocked' && destination ? `${planInput.snapshotPath} on ${destination.branch}: ` : ''}${decision.why}`, decision.fix);
    outcome.email = { state: decision.outcome, messageId, accepted: decision.prior?.accepted ?? [], rejected: decision.prior?.rejected ?? [] };
    return outcome;
  }
  log.info(`email: ${decision.why} ${messageId} to ${plural(input.email.envelope.to.length, 'recipient')} through ${email.server}`);
  const attemptedAt = pending?.attempted_at ?? planInput.attemptedAt;
  const mailer = email.createMailer();
  let result: EmailDelivery;
  try {
    const delivery = await mailer.send(input.email);
    result = { state: 'sent', message_id: messageId, attempted_at: attemptedAt, sent_at: deps.now().toISOString(), accepted: delivery.accepted, rejected: delivery.rejected };
    outcome.email = { state: 'sent', messageId, accepted: delivery.accepted, rejected: delivery.rejected };
    log.info(`email: accepted for ${delivery.accepted.join(', ') || 'nobody'}`);
    if (delivery.rejected.length) {
      log.warn(`email: the server rejected ${delivery.rejected.join(', ')}`);
      fail(`email: rejected recipients: ${delivery.rejected.join(', ')}`, 'Correct these addresses in publish.email (to / cc) of goals.yml; the others received the report. To send it again to everyone, re-run with --resend.');
    }
  } catch (error) {
    const why = deliveryFailure(error);
    result = { state: why.unknown ? 'unknown' : 'failed', message_id: messageId, attempted_at: attemptedAt, accepted: [], rejected: [], error: `${why.code}: ${why.message}` };
    outcome.email = { state: result.state === 'unknown' ? 'unknown' : 'failed', messageId, accepted: [], rejected: [] };
    if (why.unknown) {
      fail(
        `email: no final answer from ${email.server} after the message was sent (${why.code} ${why.message}); it may have been delivered, so it is recorded as unknown and not sent again by itself`,
        'Ask a recipient whether the report arrived; if not, re-run with --resend.',
      );
    } else {
      const committed = handbook ? 'The report is committed. ' : '';
      fail(
        `email: not sent through ${email.server}: ${why.code} ${why.message}`,
        `${committed}Fix the SMTP server or login (publish.email.smtp and its env vars), then re-run the job: ${handbook ? 'it commits nothing again and only sends the email' : 'it sends the email'}.`,
      );
    }
  } finally {
    mailer.close();
  }

  if (!handbook || !destination) return outcome;
  try {
    await recordDelivery(handbook, destination, planInput, result, outcome, log);
  } catch (error) {
    fail(
      `handbook: the email delivery (${result.state}) could not be recorded: ${message(error)}`,
      result.state === 'sent'
        ? `${planInput.snapshotPath} still says pending, so the next run will not send the email again. If it did not arrive, re-run with --resend.`
        : `${planInput.snapshotPath} still says pending: re-run with --resend to send the email.`,
    );
  }
  return outcome;
}
