// The email's plain-text part, written to be read in a terminal or a text-only client, in the HTML
// part's order: what needs attention, the biggest movers, then an aligned summary and one block per
// other indicator, then the page URL. Built from the report, not from HTML.
import type { MetricReport, ReportModel } from '../evaluate/model.ts';
import { clip, plainText } from './escape.ts';
import { COMMENTARY_MAX_CHARS } from '../goals/commentary.ts';
import { type EmailView, reasonOf } from './email-view.ts';
import { detailLine } from './breakdown.ts';
import { metricValue, monthChange, healthStyle, targetWords, trendWords, yearWords } from './format.ts';

export interface TextBlock {
  heading: string;
  lines: string[];
}

export interface TextView {
  subject: string;
  rule: string;
  counts: string;
  availability: string | null;
  page_note: string | null;
  /** Problem, then Attention indicators. */
  attention: TextBlock[];
  movers: string[];
  /** The other indicators: one aligned line each, then a block each. */
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
  const lines = [`This month  ${metricValue(m)} · ${change.arrow ? `${change.arrow} ${change.words}` : change.words}`, `Target      ${plainText(targetWords(m.target))}`];
  // No value: plain words (the notice at the top says why; the error itself is in the job log).
  const [first, ...rest] = m.value === null ? [reasonOf(m)] : m.health.reasons.map(plainText);
  lines.push(`Health      ${h.symbol} ${h.word}${first ? `: ${first}` : ''}`);
  for (const reason of rest) lines.push(`            ${reason}`);
  if (m.commentary) lines.push(`Team note   ${clip(plainText(m.commentary), COMMENTARY_MAX_CHARS)}`);
  const year = yearWords(m);
  const trend = trendWords(m);
  if (year) lines.push(`Year ago    ${year}`);
  if (trend) lines.push(`Trend       ${trend}`);
  const detail = detailLine(m);
  if (detail) lines.push(`Detail      ${clip(plainText(detail), 240)}`);
  if (m.dri) lines.push(`Ask         ${plainText(m.dri)}`);
  if (!m.public) lines.push('            (internal: not on the public page)');
  return { heading: `${plainText(m.name)}${m.is_key ? '  [KPI]' : ''}`, lines };
}

export function textView(report: ReportModel, email: EmailView): TextView {
  const attention = new Set(email.attention.map((t) => t.id));
  const rest = report.metrics.filter((m) => !attention.has(m.id));
  const needing = email.attention.flatMap((t) => report.metrics.filter((m) => m.id === t.id));
  return {
    subject: email.subject,
    rule: '='.repeat(Math.min(72, [...email.subject].length)),
    counts: email.counts_words,
    availability: email.availability,
    page_note: email.page_note ? `${email.page_note}${email.page_note_url ? ` The merge request: ${email.page_note_url}` : ''}` : null,
    attention: needing.map(block),
    movers: email.movers.map((m) => `${m.name}: ${m.words}`),
    summary: rest.map(summaryLine),
    blocks: rest.map(block),
    page_url: email.page_url,
    generated: email.generated,
    internal_note: email.internal_note,
  };
}
