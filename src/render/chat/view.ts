// The chat summary's view, shared by the Slack message and the Teams card: the email's lead (health
// counts, what needs attention with value, target, reason and DRI) and the page link, nothing else.
// Strings here are plain text (clipped, one line); each message escapes them for its own markup.
import type { ReportModel } from '../../evaluate/model.ts';
import { emailView, type PagePublishing } from '../email-view.ts';
import { healthStyle } from '../format.ts';

/** More than this many indicators needing attention are summed up as "and N more" (Slack: 50 blocks). */
export const CHAT_ATTENTION_MAX = 10;

export interface ChatItem {
  name: string;
  /** "✕ Problem", "! Attention" */
  health: string;
  level: number;
  value: string;
  target: string;
  reason: string;
  dri: string | null;
}

export interface ChatView {
  title: string;
  period: string;
  /** "2 problems, 1 attention, 5 okay" */
  countsWords: string;
  /** "✕ 2 Problem", "! 1 Attention", … (zero counts left out) */
  counts: Array<{ text: string; level: number }>;
  attention: ChatItem[];
  /** Indicators needing attention beyond CHAT_ATTENTION_MAX. */
  more: number;
  /** Why some indicators have no value, or null. */
  availability: string | null;
  pageUrl: string | null;
  pageLinkText: string;
  pageNote: string | null;
}

/** Why some indicators have no value, in words that fit a chat post (nothing is "listed below" there). */
function availabilityWords(report: ReportModel): string | null {
  const missing = report.metrics.filter((m) => m.value === null);
  if (missing.length === 0) return null;
  const unreadable = missing.some((m) => m.status === 'unavailable');
  const why = unreadable ? `: ${missing.length === 1 ? 'its data source' : 'their data sources'} could not be read when this report was made` : '';
  if (missing.length === report.metrics.length) return `No numbers are available for ${report.period.name} yet${why}.`;
  return `${missing.length} of ${report.metrics.length} indicators ${missing.length === 1 ? 'is' : 'are'} not available this month${why}; the full report lists ${missing.length === 1 ? 'it' : 'them'}.`;
}

export function chatView(report: ReportModel, pageUrl: string | null, publishing?: PagePublishing): ChatView {
  const email = emailView(report, pageUrl, publishing);
  const items = email.attention.map((t) => ({
    name: t.name,
    health: `${healthStyle(t.health.level as 0 | 1 | 2 | 3).symbol} ${healthStyle(t.health.level as 0 | 1 | 2 | 3).word}`,
    level: t.health.level,
    value: t.value,
    target: t.target,
    reason: t.reason,
    dri: t.dri,
  }));
  return {
    title: email.title,
    period: email.period,
    countsWords: email.counts_words,
    counts: email.counts.map((c) => ({ text: c.text, level: c.level })),
    attention: items.slice(0, CHAT_ATTENTION_MAX),
    more: Math.max(0, items.length - CHAT_ATTENTION_MAX),
    availability: availabilityWords(report),
    pageUrl: email.page_url,
    pageLinkText: email.page_link_text,
    pageNote: email.page_note,
  };
}
