// Sending the period's email as the delivery table decided (delivery.ts decideEmail): through the
// target's mailer, once; the outcome for the log and the delivery to record in place of the
// pending mark. An answer that leaves the delivery open is recorded as unknown, never resent by itself.
import type { EmailDecision } from '../delivery.ts';
import type { Destination } from '../handbook/where.ts';
import type { Fail, PublishDeps, PublishOutcome } from '../publication.ts';
import type { PlanInput } from '../plan.ts';
import type { EmailDelivery } from '../record.ts';
import type { EmailTarget, HandbookTarget } from '../targets.ts';
import { plural } from '../../text.ts';
import type { ComposedEmail } from './compose.ts';
import { deliveryFailure } from './transport.ts';

/** What sending the period's email needs: the message, where it goes, and what was decided and recorded. */
export interface EmailSend {
  message: ComposedEmail;
  email: EmailTarget;
  decision: EmailDecision;
  /** The pending mark the report commit recorded (its attempted_at is kept). */
  pending: EmailDelivery | undefined;
  planInput: PlanInput;
  /** Where the report was committed, when it was (a blocked send names its snapshot there). */
  destination: Destination | undefined;
  handbook: HandbookTarget | undefined;
}

/** Sends the email as decided; the delivery to record, or undefined when nothing was attempted. */
export async function deliverEmail(send: EmailSend, outcome: PublishOutcome, fail: Fail, deps: PublishDeps): Promise<EmailDelivery | undefined> {
  const { message: message_, email, decision, pending, planInput, destination, handbook } = send;
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
