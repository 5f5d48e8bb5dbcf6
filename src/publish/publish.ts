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

type EmailDecision = { send: true; why: string } | { send: false; outcome: EmailOutcome['state']; prior?: EmailDelivery; why: string };

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

export async function publishPeriod(input: PublishInput, handbook: HandbookTarget | undefined, email: EmailTarget | undefined, deps: PublishDeps): Promise<PublishOutcome> {
  const { log } = deps;
  const outcome: PublishOutcome = { commits: [], failures: [] };
  const fail = (msg: string, fix: string) => outcome.failures.push(new PulseError('EPUBLISH', msg, fix));

  let destination: Destination | undefined;
  let prior: EmailDelivery | undefined;
  let decision: EmailDecision | undefined;
  let pending: EmailDelivery | undefined;
  const snapshotPath = handbook ? `${handbook.settings.dataDir}/${input.period}.json` : '';
  if (!handbook && email) log.warn('email: publish.handbook is not configured, so deliveries are not recorded anywhere: every run that is not a dry run sends the email');

  // Where to write, what was sent before, and what this run sends: read again from scratch when
  // GitLab refuses the commit as stale (the edit in between may be a hand edit of the page).
  const prepare = async (): Promise<void> => {
    if (handbook) {
      destination = await chooseDestination(handbook.api, handbook.settings, input.period, log);
      outcome.branch = destination.branch;
      const stored = await handbook.api.readFile(snapshotPath, destination.startBranch ?? destination.branch);
      prior = stored ? publicationOf(stored.content.toString('utf8'))?.email : undefined;
    }
    decision = input.email ? decideEmail(prior, input.resend, input.email.messageId) : undefined;
    pending = decision?.send && input.email && email ? { state: 'pending', message_id: input.email.messageId, attempted_at: deps.now().toISOString(), accepted: [], rejected: [] } : undefined;
  };

  // 1. The report, with the pending mark.
  const commitReport = async (): Promise<void> => {
    await prepare();
    if (!handbook || !destination) return;
    const files = input.files.map((f) => (f.path === handbook.settings.page && typeof f.content === 'string' ? { ...f, content: stampPage(f.content) } : f));
    const record = pending ?? prior;
    files.push({ path: snapshotPath, content: snapshotFileText(input.snapshot, record ? { email: record } : undefined) });
    const done = await commitFiles(handbook.api, destination, files, `${input.title}: ${input.period}\n\nGenerated by ${input.generator}. Edit goals.yml, not the generated files.`);
    if (done) {
      outcome.commits.push(done.commit);
      log.info(`handbook: committed ${done.files.length} file${done.files.length === 1 ? '' : 's'} to ${destination.branch}: ${done.commit.web_url}`);
    } else log.info(`handbook: nothing changed on ${destination.branch}; no commit`);
  };
  try {
    await retryStaleOnce(handbook?.settings.branch ?? 'the handbook', log, commitReport);
    if (handbook && destination?.viaMergeRequest && !destination.startBranch) {
      outcome.mergeRequest = await upsertMergeRequest(handbook.api, mergeRequestText(input, handbook.settings.branch, destination), log);
    }
  } catch (error) {
    fail(`handbook: the report was not committed: ${message(error)}`, `${error instanceof PulseError ? error.fix + ' ' : ''}Nothing was sent; re-run the job once this is fixed.`);
    return outcome;
  }
  if (decision && !decision.send && decision.outcome === 'unknown') {
    fail(`email: ${decision.why}; whether it arrived is unknown, so it is not sent again`, 'Ask a recipient whether the report arrived; if not, re-run with --resend.');
  } else if (decision && !decision.send) log.info(`email: ${decision.why}`);

  // 2. The email.
  if (!input.email || !email || !decision) return outcome;
  if (!decision.send) {
    outcome.email = { state: decision.outcome, messageId: input.email.messageId, accepted: decision.prior?.accepted ?? [], rejected: decision.prior?.rejected ?? [] };
    return outcome;
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
      fail(`email: rejected recipients: ${delivery.rejected.join(', ')}`, 'Correct these addresses in publish.email (to / cc) of goals.yml; the others received the report. To send it again to everyone, re-run with --resend.');
    }
  } catch (error) {
    const why = smtpFailure(error);
    result = { state: 'failed', message_id: input.email.messageId, attempted_at: pending?.attempted_at ?? deps.now().toISOString(), accepted: [], rejected: [], error: `${why.code}: ${why.message}` };
    outcome.email = { state: 'failed', messageId: input.email.messageId, accepted: [], rejected: [] };
    const committed = handbook ? 'The report is committed. ' : '';
    fail(`email: not sent through ${email.server}: ${why.code} ${why.message}`, `${committed}Fix the SMTP server or login (publish.email.smtp and its env vars), then re-run the job: ${handbook ? 'it commits nothing again and only sends the email' : 'it sends the email'}.`);
  } finally {
    mailer.close();
  }

  // 3. The delivery record.
  if (handbook && destination) {
    try {
      const dest = destination;
      const done = await retryStaleOnce(snapshotPath, log, () => commitFiles(handbook.api, dest, [{ path: snapshotPath, content: snapshotFileText(input.snapshot, { email: result }) }], `${input.title}: ${input.period} — email ${result.state}\n\nRecorded by ${input.generator}.`));
      if (done) {
        outcome.commits.push(done.commit);
        log.info(`handbook: recorded the email delivery (${result.state}) in ${snapshotPath}: ${done.commit.web_url}`);
      }
    } catch (error) {
      fail(
        `handbook: the email delivery (${result.state}) could not be recorded: ${message(error)}`,
        result.state === 'sent'
          ? `${snapshotPath} still says pending, so the next run will not send the email again. If it did not arrive, re-run with --resend.`
          : `${snapshotPath} still says pending: re-run with --resend to send the email.`,
      );
    }
  }
  return outcome;
}

function mergeRequestText(input: PublishInput, target: string, destination: Destination): { sourceBranch: string; targetBranch: string; title: string; description: string } {
  const lines = [
    `The monthly report for ${input.period}, generated by ${input.generator}.`,
    '',
    `Merging this publishes it on \`${target}\`. The page and the data are generated: change goals.yml (targets, metrics, recipients) rather than editing them here.`,
  ];
  if (destination.handEdit) {
    const e = destination.handEdit;
    lines.push('', `**The page on \`${target}\` was edited by hand** in ${e.webUrl} ("${e.title}", by ${e.author}). This merge request would replace that edit: carry it into goals.yml or the templates first, or close this merge request to keep the page as it is.`);
  }
  return { sourceBranch: destination.branch, targetBranch: target, title: `${input.title}: ${input.period}`, description: lines.join('\n') };
}
