// The handbook page's view: every string the Markdown template places, escaped for Markdown (and
// for Hugo's shortcode delimiters) here, so the template itself holds no logic.
import { stringify } from 'yaml';
import type { Forecast, MetricReport, ReportModel } from '../evaluate/model.ts';
import { formatNumber } from '../evaluate/format.ts';
import { clip, hugoSafe, mdCell as escapeCell, mdLink as escapeLink, mdText as escapeText, oneLine, safeUrl } from './escape.ts';
import { breakdownDetail, byRelease, releaseRows } from './breakdown.ts';
import { monthChange, healthStyle, longMonth, metricValue, numberOrDash, pointNote, queryWords, targetWords, timestampWords, unavailableWords } from './format.ts';
import { HeadingIds, hugoAnchorize } from './anchor.ts';
import { type MermaidChart, mermaidChart, releaseChart } from './mermaid.ts';
import type { RenderOptions } from './options.ts';
import { publicMetric } from './public-metric.ts';

export interface SummaryRowView {
  name: string;
  value: string;
  target: string;
  health: string;
  change: string;
}

export interface ContributorLine {
  link: string;
  username: string;
  count: string;
}

export interface MetricSectionView {
  /** The section's id on the built page: Hugo's `anchorize` of the name, which the handbook links to. */
  anchor: string;
  /** The Hugo heading attribute `{#id}` when Hugo's own heading id would differ from `anchor`; "" otherwise. */
  heading_id: string;
  /** The whole heading text after `## `: the name (shortened to fit the handbook's 100-character heading lines) and `heading_id`. */
  heading: string;
  name: string;
  kind: string;
  definition: string;
  value: string;
  target: string;
  health: string;
  reasons: string[];
  /** The team's note for this month (goals file `commentary`), escaped; null when none. */
  commentary: string | null;
  forecast: string | null;
  change: string;
  note: string | null;
  dri: string | null;
  links: string[];
  chart: MermaidChart | null;
  /** The monthly table; empty for per-release metrics, which show `releases` instead. */
  table: Array<{ month: string; value: string; target: string; note: string }>;
  /** Per-release metrics: one row per release, newest first; empty otherwise. */
  releases: Array<{ release: string; due: string; value: string; target: string; recorded: string }>;
  /** This month's breakdown: a table (header and rows as Markdown table lines) or a list of linked items. */
  breakdown: { heading: string; intro: string | null; header: string | null; rows: string[]; items: string[] } | null;
  first_time: ContributorLine[];
  top: ContributorLine[];
  source: { name: string; type: string; query: string; snapshot: string | null };
}

export interface PageView {
  front_matter: string;
  title: string;
  org: string;
  period: string;
  period_label: string;
  fiscal_quarter: string;
  generated: string;
  notice: string;
  kpis: SummaryRowView[];
  others: SummaryRowView[];
  metrics: MetricSectionView[];
  hidden: string | null;
}

/**
 * A URL or `www.` name in data stays text: Hugo's Markdown (linkify) would make it a link the page
 * never vetted, and the handbook's markdownlint rejects bare URLs (MD034). A backslash before the
 * `:` or `.` (a Markdown escape) keeps the characters on screen and stops both.
 */
function noAutolink(markdown: string): string {
  return markdown.replace(/\b(https?|ftp):\/\//gi, '$1\\://').replace(/\bwww\./gi, 'www\\.');
}

/** Text in a paragraph, list item or heading (escape.ts' mdText, and no autolinks). */
function mdText(text: string): string {
  return noAutolink(escapeText(text));
}

/** A table cell (escape.ts' mdCell, and no autolinks). */
function mdCell(text: string): string {
  return noAutolink(escapeCell(text));
}

/** A link, or (for a URL that is not http/https) its text alone, without autolinks. */
function mdLink(text: string, url: string): string {
  return safeUrl(url) ? escapeLink(text, url) : mdText(text);
}

function forecastWords(f: Forecast, unit: string | null, direction: 'higher' | 'lower'): string {
  const n = (v: number) => formatNumber(Math.round(v));
  const lastMonth = longMonth(f.last_month);
  const gap = Math.round(f.gap);
  const short = direction === 'higher' ? gap < 0 : gap > 0;
  const verdict = gap === 0 ? 'exactly on target' : short ? `${n(Math.abs(gap))} ${direction === 'higher' ? 'short' : 'over'}` : `${n(Math.abs(gap))} ${direction === 'higher' ? 'ahead' : 'under'}`;
  const u = unit ? ` ${unit}` : '';
  const missing = f.missing_months.length + f.unavailable_months.length;
  // A level (e.g. the age of the MRs open now) is the period's value at its end: no rate, no sum.
  if (f.aggregation === 'level') return `${f.period}: ${n(f.actual_to_date)}${u} now, against ${n(f.target)} at the end of ${lastMonth}: ${verdict}.`;
  const soFar = f.aggregation === 'distinct' ? 'distinct so far (counted once however many months)' : 'so far';
  return (
    `${f.period}: ${n(f.actual_to_date)}${u} ${soFar} of ${n(f.target)} (${n(f.expected_to_date)} expected after ${f.months_elapsed} of ${f.months_total} months). ` +
    `At the current rate of ${n(f.monthly_rate)} a month: ${n(f.forecast)} by the end of ${lastMonth}, ${verdict}.` +
    (missing ? ` ${missing} month${missing === 1 ? '' : 's'} without data filled at that rate.` : '')
  );
}

/** A URL shown as its host and path, shortened: "gitlab.com/groups/gitlab-org/-/merge_requests". */
function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    return clip(`${u.host}${u.pathname === '/' ? '' : decodeURIComponent(u.pathname)}`, 60);
  } catch {
    return clip(url, 60);
  }
}

function contributorLine(c: { name: string; username: string; web_url: string; count: number }): ContributorLine {
  return { link: mdLink(c.name || c.username, c.web_url), username: mdText(`@${c.username}`), count: formatNumber(c.count) };
}

function summaryRow(m: MetricReport, anchor: string): SummaryRowView {
  const change = monthChange(m);
  const style = healthStyle(m.health.level);
  return {
    name: `[${mdCell(clip(oneLine(m.name), 120))}](#${anchor})`,
    value: mdCell(metricValue(m)),
    target: mdCell(targetWords(m.target)),
    health: mdCell(`${style.word}`),
    change: mdCell(change.arrow ? `${change.arrow} ${change.words}` : change.words),
  };
}

function pageChart(m: MetricReport): MermaidChart | null {
  const chart = byRelease(m) ? releaseChart(m) : mermaidChart(m);
  // Legend and gaps can name releases (API strings): Markdown text like the rest of the paragraph.
  return chart ? { ...chart, legend: mdText(chart.legend), gaps: mdText(chart.gaps) } : null;
}

function breakdownView(m: MetricReport, timeZone: string): MetricSectionView['breakdown'] {
  const d = breakdownDetail(m, timeZone);
  if (!d) return null;
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return {
    heading: mdText(d.heading),
    intro: d.intro ? mdText(d.intro) : null,
    header: d.columns.length ? `${line(d.columns)}\n| ${d.columns.map((_, i) => (i === 0 || i === d.columns.length - 1 ? '---' : '---:')).join(' | ')} |` : null,
    rows: d.rows.map(line),
    items: d.items.map((i) => `${mdLink(i.label, i.url ?? '')}${i.date ? ` · ${mdText(i.date)}` : ''}`),
  };
}

/** The handbook's markdownlint allows heading lines of at most 100 characters. */
const HEADING_LINE_MAX = 100;

/**
 * A section heading whose id is what the handbook links to. Hugo makes a heading's id from its
 * Markdown source, so the text is escaped in a way anchorize reads like the name (a backslash and
 * the punctuation it escapes are both dropped; `&amp;` would leave "amp", so `&` is `\&` here).
 * When Hugo would still give another id (spacing, a clash with an earlier heading) the heading
 * carries `{#id}`; when even that cannot fit the line limit, Hugo's id stands.
 */
function headingOf(m: MetricReport, ids: HeadingIds): { anchor: string; heading_id: string; heading: string } {
  const escape = (t: string) => mdText(t).replace(/&amp;/g, '\\&');
  let text = escape(m.name);
  for (let max = [...oneLine(m.name)].length; `## ${text}`.length > HEADING_LINE_MAX && max > 1; max--) text = escape(clip(oneLine(m.name), max));
  const wanted = hugoAnchorize(m.name);
  if (wanted && hugoAnchorize(text) === wanted && ids.free(wanted)) return { anchor: ids.auto(text), heading_id: '', heading: text };
  const attribute = `{#${wanted}}`;
  if (wanted && ids.free(wanted) && `## ${text} ${attribute}`.length <= HEADING_LINE_MAX) {
    ids.claim(wanted);
    return { anchor: wanted, heading_id: attribute, heading: `${text} ${attribute}` };
  }
  return { anchor: ids.auto(text), heading_id: '', heading: text };
}

function section(m: MetricReport, options: RenderOptions, heading: { anchor: string; heading_id: string; heading: string }, timeZone: string): MetricSectionView {
  const change = monthChange(m);
  return {
    ...heading,
    name: mdText(m.name),
    kind: m.is_key ? 'Key performance indicator' : 'Performance indicator',
    definition: mdText(m.definition),
    value: mdText(metricValue(m)),
    target: mdText(targetWords(m.target)),
    health: mdText(healthStyle(m.health.level).word),
    // No value: why, in plain words; the error itself is in the job log, not on a public page.
    reasons: (m.value === null ? [unavailableWords(m), ...m.health.reasons.slice(1)] : m.health.reasons).map(mdText),
    commentary: m.commentary ? mdText(m.commentary) : null,
    forecast: m.forecast ? mdText(forecastWords(m.forecast, m.unit, m.target.direction)) : null,
    change: mdText(change.arrow ? `${change.arrow} ${change.words}` : change.words),
    note: m.note ? mdText(m.note) : null,
    dri: m.dri ? mdText(m.dri) : null,
    links: m.urls.map((u) => mdLink(linkLabel(u), u)),
    chart: pageChart(m),
    releases: releaseRows(m).map((r) => ({ release: mdCell(r.release), due: mdCell(r.due), value: mdCell(r.value), target: mdCell(r.target), recorded: mdCell(r.recorded) })),
    breakdown: breakdownView(m, timeZone),
    table: (byRelease(m) ? [] : [...m.series].reverse()).map((p) => ({
      month: mdCell(longMonth(p.period)),
      value: mdCell(numberOrDash(p.value)),
      target: mdCell(numberOrDash(p.target)),
      note: mdCell(pointNote(p.status, p.break)),
    })),
    first_time: m.first_time_contributors.map(contributorLine),
    top: m.top_contributors.map(contributorLine),
    source: {
      name: mdText(m.source.name),
      type: mdText(m.source.type),
      query: mdText(queryWords(m.source.query)),
      snapshot: options.snapshotPath ? mdText(options.snapshotPath) : null,
    },
  };
}

/** The headings the built-in template puts before the indicators (their ids come first on the page). */
function fixedHeadings(kpis: number, others: number): string[] {
  return ['Executive summary', ...(kpis ? ['Key performance indicators'] : []), ...(others ? ['Other performance indicators'] : [])];
}

export function pageView(report: ReportModel, options: RenderOptions): PageView {
  const shown = report.metrics.filter((m) => m.public).map(publicMetric);
  const ids = new HeadingIds();
  const kpiMetrics = shown.filter((m) => m.is_key);
  const otherMetrics = shown.filter((m) => !m.is_key);
  for (const text of fixedHeadings(kpiMetrics.length, otherMetrics.length)) ids.auto(text);
  const headings = new Map(shown.map((m) => [m, headingOf(m, ids)]));
  const anchorOf = (m: MetricReport) => headings.get(m)?.anchor ?? m.id;
  const hiddenCount = report.metrics.length - shown.length;
  const front = stringify(
    {
      title: hugoSafe(oneLine(report.title)),
      description: hugoSafe(oneLine(`${report.org}: performance indicators for ${report.period.name}, with targets, health and 13-month trends.`)),
    },
    { lineWidth: 0 },
  );
  return {
    front_matter: `# Generated by community-pulse from goals.yml. Do not edit: change goals.yml in a merge request.\n${front}`,
    title: mdText(report.title),
    org: mdText(report.org),
    period: mdText(report.period.name),
    period_label: report.period.label,
    fiscal_quarter: mdText(`${report.period.fiscal_quarter}`),
    generated: mdText(timestampWords(report.generated_at)),
    notice: 'This page is generated every month by community-pulse from `goals.yml` and the collected data. Edits here are not kept: change indicators, targets and wording in `goals.yml` through a merge request.',
    kpis: kpiMetrics.map((m) => summaryRow(m, anchorOf(m))),
    others: otherMetrics.map((m) => summaryRow(m, anchorOf(m))),
    metrics: shown.map((m) => section(m, options, headings.get(m) ?? { anchor: m.id, heading_id: '', heading: mdText(m.name) }, report.timezone)),
    hidden: hiddenCount ? `${hiddenCount} internal indicator${hiddenCount === 1 ? ' is' : 's are'} not shown on this public page.` : null,
  };
}
