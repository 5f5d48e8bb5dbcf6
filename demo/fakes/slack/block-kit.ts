// The part of Slack's Block Kit a message from an incoming webhook may use, transcribed from
// Slack's Block Kit reference (README.md) as a zod schema, since Slack publishes no JSON Schema:
// the blocks this project sends (header, section, divider, context) with their documented limits.
// The fake rejects what this schema rejects, with Slack's own answer (400 invalid_blocks).
import { z } from 'zod';

const blockId = z.string().min(1).max(255).optional();

/** Text object: plain_text or mrkdwn, at least 1 character. */
export const textObject = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1), emoji: z.boolean().optional() }),
  z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1), verbatim: z.boolean().optional() }),
]);

const maxText = (max: number) => textObject.refine((t) => [...t.text].length <= max, { message: `text longer than ${max} characters` });

export const blockSchema = z.discriminatedUnion('type', [
  // Header: plain_text only, at most 150 characters.
  z.strictObject({ type: z.literal('header'), text: z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(150), emoji: z.boolean().optional() }), block_id: blockId }),
  // Section: text at most 3000 characters, or up to 10 fields of at most 2000 each; one of them required.
  z
    .strictObject({ type: z.literal('section'), text: maxText(3000).optional(), fields: z.array(maxText(2000)).min(1).max(10).optional(), block_id: blockId })
    .refine((b) => b.text !== undefined || b.fields !== undefined, { message: 'a section needs text or fields' }),
  z.strictObject({ type: z.literal('divider'), block_id: blockId }),
  // Context: 1 to 10 elements (text objects here; images are not used).
  z.strictObject({ type: z.literal('context'), elements: z.array(textObject).min(1).max(10), block_id: blockId }),
]);

/** The webhook payload: `text` (the notification and fallback) and at most 50 blocks. */
export const slackMessageSchema = z.strictObject({
  text: z.string().min(1),
  blocks: z.array(blockSchema).min(1).max(50).optional(),
});
