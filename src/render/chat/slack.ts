// The month's summary as a Slack incoming-webhook message: `text` (the notification and the
// fallback) and Block Kit `blocks` — a header, the health counts, one section per indicator that
// needs attention, the availability note, the page link. Limits from Slack's Block Kit reference:
// at most 50 blocks, a header's plain text at most 150 characters, a section's text at most 3000.
import { clip } from '../escape.ts';
import { forSlackMrkdwn } from '../escape.ts';
import type { ChatView } from './view.ts';

export const SLACK_LIMITS = { blocks: 50, headerText: 150, sectionText: 3000, contextText: 3000 } as const;

export type SlackText = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string };
export type SlackBlock = { type: 'header'; text: { type: 'plain_text'; text: string } } | { type: 'section'; text: SlackText } | { type: 'context'; elements: SlackText[] } | { type: 'divider' };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** A URL inside Slack's <url|text> link: `|` and `>` would end it early. */
function linkUrl(url: string): string {
  return url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
}

export function slackMessage(view: ChatView): SlackMessage {
  const m = forSlackMrkdwn;
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(`${view.title} — ${view.period}`, SLACK_LIMITS.headerText) } }];
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*Health:* ${view.counts.map((c) => m(c.text)).join('  ·  ')}`, SLACK_LIMITS.sectionText) } });
  if (view.attention.length) {
    blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: '*Needs attention*' } });
    for (const item of view.attention) {
      const lines = [`*${m(item.name)}* — ${m(item.health)}`, `Value: ${m(item.value)} · Target: ${m(item.target)}`, `Why: ${m(item.reason)}`, ...(item.dri ? [`DRI: ${m(item.dri)}`] : [])];
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), SLACK_LIMITS.sectionText) } });
    }
    if (view.more) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${view.more} more in the report` }] });
  }
  if (view.availability) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(m(view.availability), SLACK_LIMITS.contextText) }] });
  if (view.pageUrl) {
    blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: `<${linkUrl(view.pageUrl)}|${m(view.pageLinkText)}>${view.pageNote ? `\n${m(view.pageNote)}` : ''}` } });
  }
  // The notification and screen-reader text: plain words, escaped like any mrkdwn.
  return { text: m(`${view.title}, ${view.period}: ${view.countsWords}`), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}
