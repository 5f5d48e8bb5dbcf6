// The period's snapshot as the handbook repository keeps it: the measured snapshot (never changed
// by publishing) plus a `publication` record of what the job did with it — the email delivery:
// pending before sending, then sent (accepted / rejected recipients), failed (the server refused
// it), or unknown (no final answer: it may have been delivered); and each chat post (Slack, Teams)
// with the same states. Readers of history ignore
// `publication`; the publisher reads it (delivery.ts) to send each period's email once.
import { z } from 'zod';
import { serializeSnapshot } from '../history/serialize.ts';
import type { Snapshot } from '../history/snapshot.ts';

export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'unknown'] as const;

export const emailDeliverySchema = z.object({
  /** pending: marked before sending (a run that stops after this never sends again by itself). */
  state: z.enum(DELIVERY_STATES),
  message_id: z.string(),
  attempted_at: z.string(),
  /** Which run wrote the pending mark: tells this run's own commit from a concurrent run's. */
  attempt: z.string().optional(),
  sent_at: z.string().optional(),
  accepted: z.array(z.string()).default([]),
  rejected: z.array(z.string()).default([]),
  error: z.string().optional(),
});
export type EmailDelivery = z.infer<typeof emailDeliverySchema>;

/**
 * A chat post (Slack, Microsoft Teams): the same states as the email. `unknown` when the webhook
 * gave no final answer (a timeout, a 5xx): the post may have appeared, so it is not repeated.
 */
export const chatDeliverySchema = z.object({
  state: z.enum(DELIVERY_STATES),
  attempted_at: z.string(),
  attempt: z.string().optional(),
  sent_at: z.string().optional(),
  error: z.string().optional(),
});
export type ChatDelivery = z.infer<typeof chatDeliverySchema>;

/** The chat channels a summary can be posted to, in the order they are posted. */
export const CHAT_CHANNELS = ['slack', 'teams'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

export const publicationSchema = z.object({ email: emailDeliverySchema.optional(), slack: chatDeliverySchema.optional(), teams: chatDeliverySchema.optional() });
export type Publication = z.infer<typeof publicationSchema>;

/** The snapshot file's bytes: the canonical snapshot, then the publication record (if any). */
export function snapshotFileText(snapshot: Snapshot, publication: Publication | undefined): string {
  const base = serializeSnapshot(snapshot);
  if (!publication || Object.values(publication).every((v) => v === undefined)) return base;
  const record = publicationSchema.parse(publication);
  return `${JSON.stringify({ ...(JSON.parse(base) as object), publication: record }, null, 2)}\n`;
}

/** The publication record of a snapshot file's text; undefined when there is none or it is unreadable. */
export function publicationOf(text: string): Publication | undefined {
  try {
    const parsed = z.object({ publication: publicationSchema.optional() }).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.publication : undefined;
  } catch {
    return undefined;
  }
}
