// Publishing one period, in the order that can never send an email twice by itself:
//   1. one commit: page, PI data, charts and the period's snapshot — with the email marked
//      `pending` when it is about to be sent;
//   2. the email;
//   3. a second, small commit recording the delivery (sent with accepted/rejected, or failed).
// A failure between 1 and 3 leaves `pending`, and a pending email is never sent again without
// --resend (its fate is unknown). A failed send is recorded as failed, so the next run sends it
// and commits nothing else. Failures here do not throw: they are returned, each one exit 4.
import { PulseError } from '../errors.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { Logger } from '../log.ts';
import { commitFiles, type HandbookFile, retryStaleOnce } from './handbook/commit.ts';
import { upsertMergeRequest } from './handbook/merge-request.ts';
import type { CommitInfo, MergeRequestInfo } from './handbook/responses.ts';
import { stampPage } from './handbook/stamp.ts';
import { chooseDestination, type Destination } from './handbook/where.ts';
import type { ComposedEmail } from './email/compose.ts';
import { smtpFailure } from './email/transport.ts';
import { forGitlabMarkdown } from '../render/escape.ts';
import { type EmailDelivery, publicationOf, snapshotFileText } from './record.ts';
import type { EmailTarget, HandbookTarget } from './targets.ts';

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
  state: 'sent' | 'already-sent' | 'failed' | 'unknown' | 'not-sent';
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface PublishOutcome {
  branch?: string;
  commits: CommitInfo[];
  mergeRequest?: MergeRequestInfo;
  email?: EmailOutcome;
  /** Each one makes the run exit 4; everything else was still done. */
  failures: PulseError[];
}

export interface PublishDeps {
  log: Logger;
  now(): Date;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export type EmailDecision = { send: true; why: string } | { send: false; outcome: EmailOutcome['state']; prior?: EmailDelivery; why: string };

function decideEmail(prior: EmailDelivery | undefined, resend: boolean, messageId: string): EmailDecision {
  if (resend) return { send: true, why: prior ? `--resend: sending again (last: ${prior.state})` : 'sending' };
  if (!prior) return { send: true, why: 'sending' };
  switch (prior.state) {
    case 'sent':
      return { send: false, outcome: 'already-sent', prior, why: `already sent at ${prior.sent_at ?? prior.attempted_at} (${prior.message_id}); --resend sends it again` };
    case 'failed':
      return { send: true, why: `the last attempt failed (${prior.error ?? 'unknown error'}); sending now` };
    case 'pending':
      return {
        send: false,
        outcome: 'unknown',
        prior,
        why: `an earlier run was sending ${messageId} at ${prior.attempted_at} and stopped before recording the result`,
      };
  }
}

/** What the handbook phase leaves for the email phase of the same run. */
export interface PublishSession {
  outcome: PublishOutcome;
  destination?: Destination;
  snapshotPath: string;
  decision?: EmailDecision;
  pending?: EmailDelivery;
  /** The handbook phase failed: the email is not sent (there would be no record of it). */
  handbookFailed: boolean;
}

export function newSession(): PublishSession {
  return { outcome: { commits: [], failures: [] }, snapshotPath: '', handbookFailed: false };
}

function failWith(session: PublishSession, msg: string, fix: string): void {
  session.outcome.failures.push(new PulseError('EPUBLISH', msg, fix));
}

/**
 * Phase 1: the report commit (page, PI data, charts, snapshot with the email's pending mark) and,
 * when it goes through a merge request, the MR. Also decides whether the email is sent.
 */
export async function publishHandbookPhase(session: PublishSession, input: PublishInput, handbook: HandbookTarget | undefined, email: EmailTarget | undefined, deps: PublishDeps): Promise<void> {
  const { log } = deps;
  const { outcome } = session;
  let prior: EmailDelivery | undefined;
  session.snapshotPath = handbook ? `${handbook.settings.dataDir}/${input.period}.json` : '';
  if (!handbook && email) log.warn('email: publish.handbook is not configured, so deliveries are not recorded anywhere: every run that is not a dry run sends the email');

  // Where to write, what was sent before, and what this run sends: read again from scratch when
  // GitLab refuses the commit as stale (the edit in between may be a hand edit of the page).
  const prepare = async (): Promise<void> => {
    if (handbook) {
      session.destination = await chooseDestination(handbook.api, handbook.settings, input.period, log);
      outcome.branch = session.destination.branch;
      const stored = await handbook.api.readFile(session.snapshotPath, session.destination.startBranch ?? session.destination.branch);
      prior = stored ? publicationOf(stored.content.toString('utf8'))?.email : undefined;
    }
    session.decision = input.email ? decideEmail(prior, input.resend, input.email.messageId) : undefined;
    session.pending = session.decision?.send && input.email && email ? { state: 'pending', message_id: input.email.messageId, attempted_at: deps.now().toISOString(), accepted: [], rejected: [] } : undefined;
  };

  const commitReport = async (): Promise<void> => {
    await prepare();
    const destination = session.destination;
    if (!handbook || !destination) return;
    const files = input.files.map((f) => (f.path === handbook.settings.page && typeof f.content === 'string' ? { ...f, content: stampPage(f.content) } : f));
    const record = session.pending ?? prior;
    files.push({ path: session.snapshotPath, content: snapshotFileText(input.snapshot, record ? { email: record } : undefined) });
    const done = await commitFiles(handbook.api, destination, files, `${input.title}: ${input.period}\n\nGenerated by ${input.generator}. Edit goals.yml, not the generated files.`);
    if (done) {
      outcome.commits.push(done.commit);
      log.info(`handbook: committed ${done.files.length} file${done.files.length === 1 ? '' : 's'} to ${destination.branch}: ${done.commit.web_url}`);
    } else log.info(`handbook: nothing changed on ${destination.branch}; no commit`);
  };
  try {
    await retryStaleOnce(handbook?.settings.branch ?? 'the handbook', log, commitReport);
    const destination = session.destination;
    if (handbook && destination?.viaMergeRequest && !destination.startBranch) {
      outcome.mergeRequest = await upsertMergeRequest(handbook.api, mergeRequestText(input, handbook.settings.branch, destination), log);
    }
  } catch (error) {
    session.handbookFailed = true;
    failWith(session, `handbook: the report was not committed: ${message(error)}`, `${error instanceof PulseError ? error.fix + ' ' : ''}Nothing was sent; re-run the job once this is fixed.`);
  }
}

/** Phase 2: send the email (when phase 1 decided so) and record the delivery in the snapshot. */
export async function sendEmailPhase(session: PublishSession, input: PublishInput, handbook: HandbookTarget | undefined, email: EmailTarget | undefined, deps: PublishDeps): Promise<void> {
  const { log } = deps;
  const { outcome, decision, pending } = session;
  if (!input.email || !email || !decision) return;
  if (session.handbookFailed) {
    log.warn('email: not sent, because the report could not be committed (the delivery could not be recorded)');
    outcome.email = { state: 'not-sent', messageId: input.email.messageId, accepted: [], rejected: [] };
    return;
  }
  if (!decision.send) {
    if (decision.outcome === 'unknown') failWith(session, `email: ${decision.why}; whether it arrived is unknown, so it is not sent again`, 'Ask a recipient whether the report arrived; if not, re-run with --resend.');
    else log.info(`email: ${decision.why}`);
    outcome.email = { state: decision.outcome, messageId: input.email.messageId, accepted: decision.prior?.accepted ?? [], rejected: decision.prior?.rejected ?? [] };
    return;
  }
  log.info(`email: ${decision.why} ${input.email.messageId} to ${input.email.envelope.to.length} recipient${input.email.envelope.to.length === 1 ? '' : 's'} through ${email.server}`);
  const mailer = email.createMailer();
  let result: EmailDelivery;
  try {
    const delivery = await mailer.send(input.email);
    result = { state: 'sent', message_id: input.email.messageId, attempted_at: pending?.attempted_at ?? deps.now().toISOString(), sent_at: deps.now().toISOString(), accepted: delivery.accepted, rejected: delivery.rejected };
    outcome.email = { state: 'sent', messageId: input.email.messageId, accepted: delivery.accepted, rejected: delivery.rejected };
    log.info(`email: accepted for ${delivery.accepted.join(', ') || 'nobody'}`);
    if (delivery.rejected.length) {
      log.warn(`email: the server rejected ${delivery.rejected.join(', ')}`);
      failWith(session, `email: rejected recipients: ${delivery.rejected.join(', ')}`, 'Correct these addresses in publish.email (to / cc) of goals.yml; the others received the report. To send it again to everyone, re-run with --resend.');
    }
  } catch (error) {
    const why = smtpFailure(error);
    result = { state: 'failed', message_id: input.email.messageId, attempted_at: pending?.attempted_at ?? deps.now().toISOString(), accepted: [], rejected: [], error: `${why.code}: ${why.message}` };
    outcome.email = { state: 'failed', messageId: input.email.messageId, accepted: [], rejected: [] };
    const committed = handbook ? 'The report is committed. ' : '';
    failWith(session, `email: not sent through ${email.server}: ${why.code} ${why.message}`, `${committed}Fix the SMTP server or login (publish.email.smtp and its env vars), then re-run the job: ${handbook ? 'it commits nothing again and only sends the email' : 'it sends the email'}.`);
  } finally {
    mailer.close();
  }

  const destination = session.destination;
  if (!handbook || !destination) return;
  try {
    const file = { path: session.snapshotPath, content: snapshotFileText(input.snapshot, { email: result }) };
    const done = await retryStaleOnce(session.snapshotPath, log, () => commitFiles(handbook.api, destination, [file], `${input.title}: ${input.period} — email ${result.state}\n\nRecorded by ${input.generator}.`));
    if (done) {
      outcome.commits.push(done.commit);
      log.info(`handbook: recorded the email delivery (${result.state}) in ${session.snapshotPath}: ${done.commit.web_url}`);
    }
  } catch (error) {
    failWith(
      session,
      `handbook: the email delivery (${result.state}) could not be recorded: ${message(error)}`,
      result.state === 'sent'
        ? `${session.snapshotPath} still says pending, so the next run will not send the email again. If it did not arrive, re-run with --resend.`
        : `${session.snapshotPath} still says pending: re-run with --resend to send the email.`,
    );
  }
}

/** Both phases in order; every failure is returned (each one exit 4), nothing is thrown. */
export async function publishPeriod(input: PublishInput, handbook: HandbookTarget | undefined, email: EmailTarget | undefined, deps: PublishDeps): Promise<PublishOutcome> {
  const session = newSession();
  await publishHandbookPhase(session, input, handbook, email, deps);
  if (session.handbookFailed) return session.outcome;
  await sendEmailPhase(session, input, handbook, email, deps);
  return session.outcome;
}

function mergeRequestText(input: PublishInput, target: string, destination: Destination): { sourceBranch: string; targetBranch: string; title: string; description: string } {
  const lines = [
    `The monthly report for ${input.period}, generated by ${input.generator}.`,
    '',
    `Merging this publishes it on \`${target}\`. The page and the data are generated: change goals.yml (targets, metrics, recipients) rather than editing them here.`,
  ];
  if (destination.handEdit) {
    const e = destination.handEdit;
    lines.push('', `**The page on \`${target}\` was edited by hand** in ${e.webUrl} ("${forGitlabMarkdown(e.title)}", by ${forGitlabMarkdown(e.author)}). This merge request would replace that edit: carry it into goals.yml or the templates first, or close this merge request to keep the page as it is.`);
  }
  return { sourceBranch: destination.branch, targetBranch: target, title: `${input.title}: ${input.period}`, description: lines.join('\n') };
}
