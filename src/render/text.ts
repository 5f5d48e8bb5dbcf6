// The email's plain-text part, written to be read in a terminal or a text-only client: an aligned
// summary, then one block per indicator, then the page URL. Built from the report, not from HTML.
import type { MetricReport, ReportModel } from '../evaluate/model.ts';
import { clip, plainText } from './escape.ts';
import type { EmailView } from './email-view.ts';
import { detailLine } from './breakdown.ts';
import { metricValue, monthChange, healthStyle } from './format.ts';

export interface TextBlock {
  heading: string;
  lines: string[];
}

export interface TextView {
  subject: string;
  rule: string;
  counts: string;
  summary: string[];
  blocks: TextBlock[];
  page_url: string | null;
  generated: string;
  internal_note: string | null;
}

const NAME_COLUMN = 40;

/** Pads by code points, so accented and RTL names align like ASCII ones. */
function pad(text: string, width: number): string {
  const length = [...text].length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

function summaryLine(m: MetricReport): string {
  const h = healthStyle(m.health.level);
  const change = monthChange(m);
  const name = pad(clip(plainText(m.name), NAME_COLUMN), NAME_COLUMN);
  return `${h.symbol} ${pad(h.word, 9)}  ${name}  ${pad(metricValue(m), 24)}  ${change.arrow ? `${change.arrow} ${change.short}` : ''}`.trimEnd();
}

function block(m: MetricReport): TextBlock {
  const h = healthStyle(m.health.level);
  const change = monthChange(m);
  const lines = [
    `This month  ${metricValue(m)} · ${change.arrow ? `${change.arrow} ${change.words}` : change.words}`,
    `Target      ${plainText(m.target.words)}`,
  ];
  const [first, ...rest] = m.health.reasons.map(plainText);
  lines.push(`Health      ${h.symbol} ${h.word}${first ? `: ${first}` : ''}`);
  for (const reason of rest) lines.push(`            ${reason}`);
  const detail = detailLine(m);
  if (detail) lines.push(`Detail      ${clip(plainText(detail), 240)}`);
  if (m.dri) lines.push(`Ask         ${plainText(m.dri)}`);
  if (!m.public) lines.push('            (internal: not on the public page)');
  return { heading: `${plainText(m.name)}${m.is_key ? '  [KPI]' : ''}`, lines };
}

export function textView(report: ReportModel, email: EmailView): TextView {
  return {
    subject: email.subject,
    rule: '='.repeat(Math.min(72, [...email.subject].length)),
    counts: email.counts_words,
    summary: report.metrics.map(summaryLine),
    blocks: report.metrics.map(block),
    page_url: email.page_url,
    generated: email.generated,
    internal_note: email.internal_note,
  };
}
