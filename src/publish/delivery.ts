// Whether this run sends the period's email: a pure function of the stored delivery record (as
// read from the snapshot file in the same read whose last_commit_id guards the pending mark) and
// the options. "Never email twice" lives here; test/publish/delivery.test.ts holds its table.
import type { z } from 'zod';
import { type EmailDelivery, emailDeliverySchema } from './record.ts';

/** What the stored snapshot file says about one entry of its `publication` (email, slack, teams). */
export type StoredEntry<T> =
  | { kind: 'none' }
  | { kind: 'record'; record: T }
  /** A record is there but not readable: never guess (it might say `sent`). */
  | { kind: 'malformed'; problems: string[] }
  /** The file holds another period's data: its record says nothing about this period. */
  | { kind: 'other-period'; period: string };

/** What the stored snapshot file says about this period's email. */
export type StoredDelivery = StoredEntry<EmailDelivery>;

/** Reads `publication.<key>` of `text` (the snapshot file at the period's path) for `period`, parsed with `schema`. */
export function storedEntry<T>(text: string | undefined, period: string, key: string, schema: z.ZodType<T>): StoredEntry<T> {
  if (text === undefined) return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', problems: [`not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'malformed', problems: ['not a JSON object'] };
  const fields = json as Record<string, unknown>;
  if (typeof fields.period === 'string' && fields.period !== period) return { kind: 'other-period', period: fields.period };
  const publication = fields.publication;
  if (publication === undefined) return { kind: 'none' };
  if (typeof publication !== 'object' || publication === null || Array.isArray(publication)) return { kind: 'malformed', problems: ['publication: not an object'] };
  const entry = (publication as Record<string, unknown>)[key];
  if (entry === undefined) return { kind: 'none' };
  const parsed = schema.safeParse(entry);
  if (!parsed.success) return { kind: 'malformed', problems: parsed.error.issues.map((i) => `publication.${key}.${i.path.map(String).join('.') || '(root)'}: ${i.message}`) };
  return { kind: 'record', record: parsed.data };
}

/** Reads the email's delivery record of `text` (the snapshot file at the period's path) for `period`. */
export function storedDelivery(text: string | undefined, period: string): StoredDelivery {
  return storedEntry(text, period, 'email', emailDeliverySchema);
}

export type EmailDecision =
  | { send: true; why: string; prior?: EmailDelivery }
  /** Not sent, and nothing is wrong: it went out before. */
  | { send: false; outcome: 'already-sent'; prior: EmailDelivery; why: string }
  /** Not sent because its fate is unknown or the record cannot be read: a failure (exit 4) with a fix. */
  | { send: false; outcome: 'unknown' | 'blocked'; prior?: EmailDelivery; why: string; fix: string };

export interface DecisionOptions {
  resend: boolean;
  messageId: string;
}

const ASK = 'Ask a recipient whether the report arrived; if not, re-run with --resend.';

/** The decision table: stored record × --resend → send or not, and why. */
export function decideEmail(stored: StoredDelivery, options: DecisionOptions): EmailDecision {
  const prior = stored.kind === 'record' ? stored.record : undefined;
  if (options.resend) return { send: true, why: prior ? `--resend: sending again (last: ${prior.state})` : stored.kind === 'malformed' ? '--resend: sending (the stored delivery record cannot be read)' : 'sending', ...(prior ? { prior } : {}) };
  if (stored.kind === 'malformed') {
    return {
      send: false,
      outcome: 'blocked',
      why: `the stored delivery record cannot be read (${stored.problems.join('; ')}), so whether the email went out is unknown and it is not sent`,
      fix: 'Correct or remove publication.email in the snapshot file named above (state is one of pending, sent, failed, unknown), then re-run; or re-run with --resend to send regardless.',
    };
  }
  if (!prior) return { send: true, why: stored.kind === 'other-period' ? `sending (the stored file held ${stored.period}, not this period; its record does not count)` : 'sending' };
  switch (prior.state) {
    case 'sent':
      return { send: false, outcome: 'already-sent', prior, why: `already sent at ${prior.sent_at ?? prior.attempted_at} (${prior.message_id}); --resend sends it again` };
    case 'failed':
      return { send: true, prior, why: `the last attempt failed (${prior.error ?? 'unknown error'}); sending now` };
    case 'pending':
      return { send: false, outcome: 'unknown', prior, why: `a run was sending ${prior.message_id} at ${prior.attempted_at} and has not recorded the result (it stopped, or is still running); whether it arrived is unknown, so it is not sent again`, fix: ASK };
    case 'unknown':
      return { send: false, outcome: 'unknown', prior, why: `the last attempt at ${prior.attempted_at} got no final answer from the SMTP server (${prior.error ?? 'no reply'}); it may have been delivered, so it is not sent again`, fix: ASK };
  }
}
