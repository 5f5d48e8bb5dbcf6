// The email's view, shared by the MJML (HTML) template and the plain-text template. It leads with
// what needs attention — Problem then Attention indicators, each with its value against the target,
// the reason in words and the DRI — then the biggest movers, then the rest (key indicators as
// tiles, the others in a table). Strings are plain text here; Handlebars escapes them for HTML.
import type { MetricReport, ReportModel } from '../evaluate/model.ts';
import { formatNumber } from '../evaluate/format.ts';
import { clip, plainText, safeUrl } from './escape.ts';
import { COMMENTARY_MAX_CHARS } from '../goals/commentary.ts';
import { byRelease, detailLine } from './breakdown.ts';
import { metricValue, monthChange, healthStyle, longMonth, shortMonth, targetWords, TONE_COLORS, timestampWords, trendWords, valueWithUnit, yearWords } from './format.ts';

export interface HealthBadge {
  text: string;
  color: string;
  background: string;
  border: string;
  level: number;
}

export interface ChartRef {
  cid: string;
  file: string;
  alt: string;
}

export interface TileView {
  id: string;
  /** "Key indicator" or "Indicator". */
  kind: string;
  name: string;
  value: string;
  target: string;
  health: HealthBadge;
  /** `tone` names the dark-mode colour class (good, bad, neutral). */
  change: { arrow: string; words: string; color: string; tone: string };
  reason: string;
  /** The team's note for this month (goals file `commentary`), plain text; null when none. */
  commentary: string | null;
  /** Year on year and the 3-month trend in one line ("▲ up 12% (+20) vs October 2025 · 3-month average up 4% on the 3 months before"), or null. */
  context: string | null;
  /** The latest releases or this month's breakdown in one line ("By release: 17.3: 480 · 17.4: 455"), or null. */
  detail: string | null;
  dri: string | null;
  chart: ChartRef | null;
}

export interface RowView {
  name: string;
  value: string;
  /** As TileView.detail, then TileView.context, or the reason when there is no value. */
  detail: string | null;
  health: HealthBadge;
  change: string;
  change_color: string;
  change_tone: string;
}

export interface EmailView {
  subject: string;
  preheader: string;
  title: string;
  org: string;
  period: string;
  generated: string;
  counts: HealthBadge[];
  counts_words: string;
  /** A sentence when some indicators have no value this month (why, in plain words), or null. */
  availability: string | null;
  /** Problem, then Attention indicators (key ones with their chart). */
  attention: TileView[];
  movers: Array<{ name: string; words: string; color: string; tone: string }>;
  /** The key indicators not in `attention`. */
  kpis: TileView[];
  /** The other indicators not in `attention`. */
  others: RowView[];
  page_url: string | null;
  /** The button's words: "Open the full report". */
  page_link_text: string;
  /** A sentence about the page under the header (merge_request mode: it updates once the MR is merged), or null. */
  page_note: string | null;
  /** The merge request the note refers to, when known. */
  page_note_url: string | null;
  dris: Array<{ dri: string; names: string }>;
  internal_note: string | null;
}

const NAME_MAX = 120;

export function chartCid(metricId: string): string {
  return `chart-${metricId}@community-pulse`;
}

export function chartFile(metricId: string): string {
  return `charts/${metricId}`;
}

function badge(m: MetricReport): HealthBadge {
  const s = healthStyle(m.health.level);
  return { text: `${s.symbol} ${s.word}`, color: s.color, background: s.background, border: s.border, level: m.health.level };
}

/** Alt text that states the numbers, for readers who do not see the image. */
export function chartAlt(m: MetricReport): string {
  if (byRelease(m)) return releaseAlt(m);
  const drawn = m.series.filter((p) => p.value !== null);
  const first = m.series[0];
  const last = m.series.at(-1);
  const n = (v: number) => valueWithUnit(v, m.unit);
  const parts = [`Trend of ${clip(plainText(m.name), NAME_MAX)}${first && last ? `, ${longMonth(first.period)} to ${longMonth(last.period)}` : ''}.`];
  if (last) parts.push(`${longMonth(last.period)}: ${valueWithUnit(last.value, m.unit)}${last.target !== null ? ` against a target of ${formatNumber(last.target)}` : ''}.`);
  if (drawn.length) {
    const lo = drawn.reduce((a, b) => ((b.value ?? 0) < (a.value ?? 0) ? b : a));
    const hi = drawn.reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
    parts.push(`Lowest ${n(lo.value ?? 0)} (${shortMonth(lo.period)}), highest ${n(hi.value ?? 0)} (${shortMonth(hi.period)}).`);
  }
  const gaps = m.series.filter((p) => p.value === null).map((p) => shortMonth(p.period));
  if (gaps.length) parts.push(`No data for ${gaps.join(', ')}.`);
  return parts.join(' ');
}

/** The detail line, clipped: release titles and cohort labels come from APIs. */
function emailDetail(m: MetricReport): string | null {
  const line = detailLine(m);
  return line ? clip(plainText(line), 240) : null;
}

function releaseAlt(m: MetricReport): string {
  const first = m.releases[0];
  const last = m.releases.at(-1);
  const name = (r: { release: string }) => clip(plainText(r.release), 20);
  const parts = [`Trend of ${clip(plainText(m.name), NAME_MAX)} by release${first && last ? `, ${name(first)} to ${name(last)}` : ''}.`];
  const drawn = m.releases.filter((r) => r.value !== null);
  if (last) parts.push(`${name(last)}: ${valueWithUnit(last.value, m.unit)}${m.target.month_target !== null ? ` against a target of ${formatNumber(m.target.month_target)}` : ''}.`);
  if (drawn.length) {
    const lo = drawn.reduce((a, b) => ((b.value ?? 0) < (a.value ?? 0) ? b : a));
    const hi = drawn.reduce((a, b) => ((b.value ?? 0) > (a.value ?? 0) ? b : a));
    parts.push(`Lowest ${valueWithUnit(lo.value, m.unit)} (${name(lo)}), highest ${valueWithUnit(hi.value, m.unit)} (${name(hi)}).`);
  }
  return parts.join(' ');
}

/**
 * The first health reason, or (no value this month) "Not available this month." — the notice at the
 * top says why once, and error details stay in the job log.
 */
export function reasonOf(m: MetricReport): string {
  return m.value === null ? 'Not available this month.' : clip(plainText(m.health.reasons[0] ?? ''), 200);
}

/** Year on year and the 3-month trend, in one line, or null. */
function contextOf(m: MetricReport): string | null {
  const parts = [yearWords(m), trendWords(m)].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : null;
}

function tile(m: MetricReport, withChart: boolean): TileView {
  const change = monthChange(m);
  return {
    id: m.id,
    kind: m.is_key ? 'Key indicator' : 'Indicator',
    name: clip(plainText(m.name), NAME_MAX),
    value: metricValue(m),
    target: clip(plainText(targetWords(m.target)), NAME_MAX),
    health: badge(m),
    change: { arrow: change.arrow, words: change.words, color: TONE_COLORS[change.tone], tone: change.tone },
    reason: reasonOf(m),
    commentary: m.commentary ? clip(plainText(m.commentary), COMMENTARY_MAX_CHARS) : null,
    context: contextOf(m),
    detail: emailDetail(m),
    dri: m.dri ? clip(plainText(m.dri), 60) : null,
    chart: withChart ? { cid: chartCid(m.id), file: `${chartFile(m.id)}.png`, alt: chartAlt(m) } : null,
  };
}

function countsOf(report: ReportModel): HealthBadge[] {
  const c = report.summary.counts;
  // What needs attention first, as in the subject.
  const entries: Array<[number, 0 | 1 | 2 | 3]> = [
    [c.problem, 1],
    [c.attention, 2],
    [c.okay, 3],
    [c.unknown, 0],
  ];
  return entries
    .filter(([count, level]) => count > 0 || (level === 3 && c.okay + c.attention + c.problem + c.unknown === 0))
    .map(([count, level]) => {
      const s = healthStyle(level);
      return { text: `${s.symbol} ${count} ${s.word}`, color: s.color, background: s.background, border: s.border, level };
    });
}

/** "2 problems, 1 attention, 5 okay, 1 unknown": the handbook's words, what needs attention first, zero counts left out. */
export function countsWords(report: ReportModel): string {
  const c = report.summary.counts;
  const words: string[] = [];
  if (c.problem) words.push(`${c.problem} problem${c.problem === 1 ? '' : 's'}`);
  if (c.attention) words.push(`${c.attention} attention`);
  if (c.okay || (words.length === 0 && !c.unknown)) words.push(`${c.okay} okay`);
  if (c.unknown) words.push(`${c.unknown} unknown`);
  return words.join(', ');
}

/** Problem first, then Attention, each in the report's order (KPIs first). */
function needingAttention(metrics: readonly MetricReport[]): MetricReport[] {
  return [...metrics.filter((m) => m.health.level === 1), ...metrics.filter((m) => m.health.level === 2)];
}

/** Why some indicators have no value, for stakeholders, or null when every one has one. */
function availabilityWords(report: ReportModel): string | null {
  const missing = report.metrics.filter((m) => m.value === null);
  if (missing.length === 0) return null;
  const unreadable = missing.some((m) => m.status === 'unavailable');
  const why = unreadable ? `: ${missing.length === 1 ? 'its data source' : 'their data sources'} could not be read when this report was made` : '';
  if (missing.length === report.metrics.length) {
    return `No numbers are available for ${report.period.name} yet${unreadable ? ': the data sources could not be read when this report was made' : ''}. The team running the report has the details.`;
  }
  return `${missing.length} of ${report.metrics.length} indicators ${missing.length === 1 ? 'is' : 'are'} not available this month${why}. ${missing.length === 1 ? 'It is' : 'They are'} listed with the others below.`;
}

function movers(metrics: readonly MetricReport[]): EmailView['movers'] {
  return metrics
    .filter((m) => m.deltas.previous_month?.percent !== null && m.deltas.previous_month !== null && Math.round(m.deltas.previous_month.percent ?? 0) !== 0)
    .sort((a, b) => Math.abs(b.deltas.previous_month?.percent ?? 0) - Math.abs(a.deltas.previous_month?.percent ?? 0) || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((m) => {
      const change = monthChange(m);
      return { name: clip(plainText(m.name), NAME_MAX), words: `${change.arrow} ${change.words}`, color: TONE_COLORS[change.tone], tone: change.tone };
    });
}

/** Key indicators get their trend chart wherever they appear, once the series has a value. */
function charted(m: MetricReport): boolean {
  return m.is_key && m.series.some((p) => p.value !== null);
}

function row(m: MetricReport): RowView {
  const change = monthChange(m);
  const detail = [emailDetail(m), m.value === null ? reasonOf(m) : contextOf(m)].filter((d): d is string => d !== null).join(' · ');
  return { name: clip(plainText(m.name), NAME_MAX), value: metricValue(m), detail: detail || null, health: badge(m), change: change.arrow ? `${change.arrow} ${change.short}` : '—', change_color: TONE_COLORS[change.tone], change_tone: change.tone };
}

export interface PagePublishing {
  mode: 'commit' | 'merge_request';
  mergeRequestUrl: string | null;
}

/** In merge_request mode the page URL shows last month's report until a person merges the MR. */
function pageNote(report: ReportModel, publishing: PagePublishing): string | null {
  if (publishing.mode !== 'merge_request') return null;
  return `The handbook page is updated through a merge request: it shows ${report.period.name} once the merge request is merged, and last month's report until then.`;
}

export function emailView(report: ReportModel, pageUrl: string | null, publishing: PagePublishing = { mode: 'commit', mergeRequestUrl: null }): EmailView {
  const attention = needingAttention(report.metrics);
  const rest = report.metrics.filter((m) => !attention.includes(m));
  const kpis = rest.filter((m) => m.is_key);
  const others = rest.filter((m) => !m.is_key);
  const counts = countsWords(report);
  const title = plainText(report.title);
  const lead = [...attention, ...kpis];
  const preheader = clip([counts, ...lead.map((m) => `${clip(plainText(m.name), 40)}: ${metricValue(m)}`)].join(' · '), 150);
  const byDri = new Map<string, string[]>();
  for (const m of report.metrics) if (m.dri) byDri.set(m.dri, [...(byDri.get(m.dri) ?? []), clip(plainText(m.name), 60)]);
  const internal = report.metrics.filter((m) => !m.public).length;
  return {
    subject: clip(`${clip(title, 80)}, ${report.period.name}: ${counts}`, 200),
    preheader,
    title,
    org: plainText(report.org),
    period: report.period.name,
    generated: timestampWords(report.generated_at),
    counts: countsOf(report),
    counts_words: counts,
    availability: availabilityWords(report),
    attention: attention.map((m) => tile(m, charted(m))),
    movers: movers(rest),
    kpis: kpis.map((m) => tile(m, charted(m))),
    others: others.map(row),
    page_url: pageUrl ? safeUrl(pageUrl) : null,
    page_link_text: publishing.mode === 'merge_request' ? 'Open the handbook page' : 'Open the full report',
    page_note: pageNote(report, publishing),
    page_note_url: publishing.mode === 'merge_request' && publishing.mergeRequestUrl ? safeUrl(publishing.mergeRequestUrl) : null,
    dris: [...byDri].map(([dri, names]) => ({ dri: clip(plainText(dri), 60), names: names.join(', ') })),
    internal_note: internal ? `${internal} indicator${internal === 1 ? ' is' : 's are'} internal: in this email, not on the public page.` : null,
  };
}
