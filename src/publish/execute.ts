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
import type { ChatChannel, ChatDelivery, EmailDelivery, Publication } from './record.ts';
import type { ChatTarget, EmailTarget, HandbookTarget, PiDataTarget } from './targets.ts';
import type { Services } from '../services.ts';
import { decideChat, type ChatDecision } from './chat/delivery.ts';
import { postToWebhook } from './chat/post.ts';

export interface PublishInput {
  period: string;
  title: string;
  /** The snapshot to record: this run's, or the stored one when the period was not collected again. */
  snapshot: Snapshot;
  /** Rendered files at their repository paths; the one at settings.page is stamped. */
  files: HandbookFile[];
  email?: ComposedEmail | undefined;
  /** The chat posts (JSON payloads) per channel; a configured channel without one is not posted. */
  chat?: Partial<Record<ChatChannel, unknown>> | undefined;
  resend: boolean;
  generator: string;
}

export interface EmailOutcome {
  state: 'sent' | 'already-sent' | 'failed' | 'unknown' | 'blocked' | 'not-sent';
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface ChatOutcome {
  channel: ChatChannel;
  state: 'sent' | 'already-sent' | 'failed' | 'unknown' | 'blocked' | 'not-sent';
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
  /** One per configured chat channel, in posting order. */
  chats: ChatOutcome[];
  /** Each one makes the run exit 4; everything else was still done. */
  failures: PulseError[];
}

export interface PublishTargets {
  handbook?: HandbookTarget | undefined;
  /** The PI data's own project (publish.handbook.pi_data_target). */
  piData?: PiDataTarget | undefined;
  email?: EmailTarget | undefined;
  chats?: readonly ChatTarget[] | undefined;
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

/** What a record commit says it recorded: "the email delivery (sent)", or every channel's state. */
function recordedWords(publication: Publication, changed: ReadonlySet<string>): string {
  const parts = (['email', 'slack', 'teams'] as const).filter((k) => changed.has(k) && publication[k]).map((k) => `${k} ${publication[k]?.state ?? ''}`);
  return parts.length === 1 && changed.has('email') ? `the email delivery (${publication.email?.state ?? ''})` : `the deliveries (${parts.join(', ')})`;
}

/** The deliveries' results in place of the pending marks: read, then commit on that read. */
async function recordDelivery(handbook: HandbookTarget, destination: Destination, input: PlanInput, publication: Publication, changed: ReadonlySet<string>, outcome: PublishOutcome, log: Logger): Promise<void> {
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
  // A channel is posted to when it is configured and the render step gave it a message.
  const chats = (targets.chats ?? []).filter((c) => input.chat?.[c.channel] !== undefined);
  const outcome: PublishOutcome = { commits: [], records: [], chats: [], failures: [] };
  const fail = (msg: string, fix: string) => outcome.failures.push(new PulseError('EPUBLISH', msg, fix));
  if (!handbook && !email && chats.length === 0) return outcome;
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
    chats: chats.map((c) => c.channel),
    attemptedAt: deps.now().toISOString(),
    attempt: deps.attempt ?? randomUUID(),
  };

  let decision: EmailDecision | undefined;
  let chatDecisions: Partial<Record<ChatChannel, ChatDecision>> = {};
  let destination: Destination | undefined;
  let pending: EmailDelivery | undefined;
  let kept = false;
  let recorded: Publication = {};
  if (handbook) {
    try {
      const done = await commitReport(handbook, planInput, outcome, log);
      ({ destination } = done);
      decision = done.plan.email;
      chatDecisions = done.plan.chats;
      pending = done.plan.pending;
      recorded = done.plan.publication;
      if (destination.viaMergeRequest && !destination.startBranch) outcome.mergeRequest = await upsertMergeRequest(handbook.api, mergeRequestText(input, handbook.settings.branch, destination), log);
      kept = done.plan.pageKept;
    } catch (error) {
      fail(`handbook: the report was not committed: ${message(error)}`, `${error instanceof PulseError ? error.fix + ' ' : ''}Nothing was sent; re-run the job once this is fixed.`);
      if (input.email && email) {
        log.warn('email: not sent, because the report could not be committed (the delivery could not be recorded)');
        outcome.email = { state: 'not-sent', messageId: input.email.messageId, accepted: [], rejected: [] };
      }
      for (const chat of chats) {
        log.warn(`${chat.name}: not posted, because the report could not be committed (the delivery could not be recorded)`);
        outcome.chats.push({ channel: chat.channel, state: 'not-sent' });
      }
      return outcome;
    }
  } else {
    if (email && input.email) {
      log.warn('email: publish.handbook is not configured, so deliveries are not recorded anywhere: every run that is not a dry run sends the email');
      decision = decideEmail({ kind: 'none' }, { resend: input.resend, messageId: input.email.messageId });
    }
    for (const chat of chats) {
      log.warn(`${chat.name}: publish.handbook is not configured, so posts are not recorded anywhere: every run that is not a dry run posts the summary`);
      chatDecisions[chat.channel] = decideChat(chat.channel, { kind: 'none' }, input.resend);
    }
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

  const emailResult = input.email && email && decision ? await deliverEmail(input.email, email, decision, pending, planInput, destination, handbook, outcome, fail, deps) : undefined;
  const chatResults: Partial<Record<ChatChannel, ChatDelivery>> = {};
  for (const chat of chats) {
    const chosen = chatDecisions[chat.channel];
    if (!chosen) continue;
    const result = await postChat(chat, input.chat?.[chat.channel], chosen, planInput, outcome, fail, deps);
    if (result) chatResults[chat.channel] = result;
  }

  const changed = new Set<string>([...(emailResult ? ['email'] : []), ...Object.keys(chatResults)]);
  if (!handbook || !destination || changed.size === 0) return outcome;
  const publication: Publication = { ...recorded, ...(emailResult ? { email: emailResult } : {}), ...chatResults };
  try {
    await recordDelivery(handbook, destination, planInput, publication, changed, outcome, log);
  } catch (error) {
    const words = recordedWords(publication, changed);
    const sentOnly = [...changed].every((k) => publication[k as keyof Publication]?.state === 'sent');
    const what = changed.has('email') && changed.size === 1 ? 'send the email' : 'send or post them';
    fail(
      `handbook: ${words} could not be recorded: ${message(error)}`,
      sentOnly
        ? `${planInput.snapshotPath} still says pending, so the next run will not ${changed.has('email') && changed.size === 1 ? 'send the email' : 'send or post'} again. If it did not arrive, re-run with --resend.`
        : `${planInput.snapshotPath} still says pending: re-run with --resend to ${what}.`,
    );
  }
  return outcome;
}

type Fail = (msg: string, fix: string) => void;

/** Sends the email as decided; the delivery to record, or undefined when nothing was attempted. */
async function deliverEmail(
  message_: ComposedEmail,
  email: EmailTarget,
  decision: EmailDecision,
  pending: EmailDelivery | undefined,
  planInput: PlanInput,
  destination: Destination | undefined,
  handbook: HandbookTarget | undefined,
  outcome: PublishOutcome,
  fail: Fail,
  deps: PublishDeps,
): Promise<EmailDelivery | undefined> {
  const { log } = deps;
  const messageId = message_.messageId;
  if (!decision.send) {
    if (decision.outcome === 'already-sent') log.info(`email: ${decision.why}`);
    else fail(`email: ${decision.outcome === 'blocked' && destination ? `${planInput.snapshotPath} on ${destination.branch}: ` : ''}${decision.why}`, decision.fix);
    outcome.email = { state: decision.outcome, messageId, accepted: decision.prior?.accepted ?? [], rejected: decision.prior?.rejected ?? [] };
    return undefined;
  }
  log.info(`email: ${decision.why} ${messageId} to ${plural(message_.envelope.to.length, 'recipient')} through ${email.server}`);
  const attemptedAt = pending?.attempted_at ?? planInput.attemptedAt;
  const mailer = email.createMailer();
  let result: EmailDelivery;
  try {
    const delivery = await mailer.send(message_);
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
  return result;
}

/** Posts the summary to one chat channel as decided; the delivery to record, or undefined when nothing was attempted. */
async function postChat(chat: ChatTarget, payload: unknown, decision: ChatDecision, planInput: PlanInput, outcome: PublishOutcome, fail: Fail, deps: PublishDeps): Promise<ChatDelivery | undefined> {
  const { log } = deps;
  if (!decision.post) {
    if (decision.outcome === 'already-sent') log.info(`${chat.name}: ${decision.why}`);
    else fail(`${chat.name}: ${decision.why}`, decision.fix);
    outcome.chats.push({ channel: chat.channel, state: decision.outcome });
    return undefined;
  }
  log.info(`${chat.name}: ${decision.why} the summary of ${planInput.period}`);
  const attemptedAt = deps.now().toISOString();
  const posted = await postToWebhook(chat.http, chat.url, payload, `${chat.name} webhook post (${chat.urlEnv})`);
  outcome.chats.push({ channel: chat.channel, state: posted.state });
  if (posted.state === 'sent') {
    log.info(`${chat.name}: posted`);
    return { state: 'sent', attempted_at: attemptedAt, attempt: planInput.attempt, sent_at: deps.now().toISOString() };
  }
  if (posted.state === 'failed') {
    fail(
      `${chat.name}: the summary was not posted: ${posted.error ?? 'refused'}`,
      `Check ${chat.urlEnv}: the webhook may have been removed, its channel archived, or posting restricted. Fix it, then re-run the job: it posts the summary (nothing else is sent twice).`,
    );
  } else {
    fail(
      `${chat.name}: no final answer after posting (${posted.error ?? 'no reply'}); the summary may have appeared, so it is recorded as unknown and not posted again by itself`,
      `Look in the ${chat.name} channel whether the summary appeared; if not, re-run with --resend.`,
    );
  }
  return { state: posted.state, attempted_at: attemptedAt, attempt: planInput.attempt, ...(posted.error ? { error: posted.error } : {}) };
}
