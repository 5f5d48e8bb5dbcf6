// Whether this run posts the period's summary to a chat channel: the email's exactly-once rules
// (delivery.ts) for each channel's own record in the snapshot file. A pure function of the stored
// record (read in the same read whose last_commit_id guards the pending mark) and --resend;
// test/publish/chat-delivery.test.ts holds its table.
import { storedEntry } from '../delivery.ts';
import { type ChatChannel, type ChatDelivery, chatDeliverySchema } from '../record.ts';

export type StoredChat = { kind: 'none' } | { kind: 'record'; record: ChatDelivery } | { kind: 'malformed'; problems: string[] };

/** The `publication.<channel>` record of the period's snapshot file text; another period's file says nothing. */
export function storedChat(text: string | undefined, period: string, channel: ChatChannel): StoredChat {
  const stored = storedEntry(text, period, channel, chatDeliverySchema);
  return stored.kind === 'other-period' ? { kind: 'none' } : stored;
}

export type ChatDecision = { post: true; why: string; prior?: ChatDelivery } | { post: false; outcome: 'already-sent'; prior: ChatDelivery; why: string } | { post: false; outcome: 'unknown' | 'blocked'; prior?: ChatDelivery; why: string; fix: string };

const NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

/** The decision table: stored record × --resend → post or not, and why (the email's rules). */
export function decideChat(channel: ChatChannel, stored: StoredChat, resend: boolean): ChatDecision {
  const name = NAMES[channel];
  const ask = `Look in the ${name} channel whether the summary appeared; if not, re-run with --resend.`;
  const prior = stored.kind === 'record' ? stored.record : undefined;
  if (resend) return { post: true, why: prior ? `--resend: posting again (last: ${prior.state})` : 'posting', ...(prior ? { prior } : {}) };
  if (stored.kind === 'malformed') {
    return {
      post: false,
      outcome: 'blocked',
      why: `the stored ${name} delivery record cannot be read (${stored.problems.join('; ')}), so whether the summary was posted is unknown and it is not posted`,
      fix: `Correct or remove publication.${channel} in the snapshot file (state is one of pending, sent, failed, unknown), then re-run; or re-run with --resend to post regardless.`,
    };
  }
  if (!prior) return { post: true, why: 'posting' };
  switch (prior.state) {
    case 'sent':
      return { post: false, outcome: 'already-sent', prior, why: `already posted at ${prior.sent_at ?? prior.attempted_at}; --resend posts it again` };
    case 'failed':
      return { post: true, prior, why: `the last attempt failed (${prior.error ?? 'unknown error'}); posting now` };
    case 'pending':
      return { post: false, outcome: 'unknown', prior, why: `a run was posting at ${prior.attempted_at} and has not recorded the result; whether it appeared is unknown, so it is not posted again`, fix: ask };
    case 'unknown':
      return { post: false, outcome: 'unknown', prior, why: `the last attempt at ${prior.attempted_at} got no final answer from ${name} (${prior.error ?? 'no reply'}); it may have appeared, so it is not posted again`, fix: ask };
  }
}
