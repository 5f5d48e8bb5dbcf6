// Posting the summary to one chat channel as the delivery table decided (chat/delivery.ts
// decideChat): one webhook POST (post.ts, never retried); the outcome for the log and the delivery
// to record in place of the pending mark.
import type { Fail, PublishDeps, PublishOutcome } from '../publication.ts';
import type { PlanInput } from '../plan.ts';
import type { ChatDelivery } from '../record.ts';
import type { ChatTarget } from '../targets.ts';
import type { ChatDecision } from './delivery.ts';
import { postToWebhook } from './post.ts';

/** Posts the summary to one chat channel as decided; the delivery to record, or undefined when nothing was attempted. */
export async function postChat(chat: ChatTarget, payload: unknown, decision: ChatDecision, planInput: PlanInput, outcome: PublishOutcome, fail: Fail, deps: PublishDeps): Promise<ChatDelivery | undefined> {
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
