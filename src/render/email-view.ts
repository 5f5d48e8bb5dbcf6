// The email's view, shared by the MJML (HTML) template and the plain-text template: subject,
// preheader, KPI tiles, biggest movers, the other indicators, DRIs. Strings are plain text here;
// Handlebars escapes them for HTML in the MJML template.
import type { MetricReport, ReportModel } from '../evaluate/model.ts';
import { formatNumber } from '../evaluate/format.ts';
import { clip, plainText, safeUrl } from './escape.ts';
import { byRelease, detailLine } from './breakdown.ts';
import { metricValue, monthChange, healthStyle, longMonth, shortMonth, TONE_COLORS, timestampWords, valueWithUnit } from './format.ts';

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
  name: string;
  value: string;
  target: string;
  health: HealthBadge;
  change: { arrow: string; words: string; color: string };
  reason: string;
  /** The latest releases or this month's breakdown in one line ("By release: 17.3: 480 · 17.4: 455"), or null. */
  detail: string | null;
  dri: string | null;
  chart: ChartRef | null;
}

export interface RowView {
  name: string;
  value: string;
  /** As TileView.detail. */
  detail: string | null;
  health: HealthBadge;
  change: string;
  change_color: string;
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
  kpis: TileView[];
  movers: Array<{ name: string; words: string; color: string }>;
  others: RowView[];
  page_url: string | null;
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
  return { text: `${s.symbol} ${s.phrase}`, color: s.color, background: s.background, border: s.border, level: m.health.level };
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

function tile(m: MetricReport, withChart: boolean): TileView {
  const change = monthChange(m);
  return {
    id: m.id,
    name: clip(plainText(m.name), NAME_MAX),
    value: metricValue(m),
    target: clip(plainText(m.target.words), NAME_MAX),
    health: badge(m),
    change: { arrow: change.arrow, words: change.words, color: TONE_COLORS[change.tone] },
    reason: clip(plainText(m.health.reasons[0] ?? ''), 200),
    detail: emailDetail(m),
    dri: m.dri ? clip(plainText(m.dri), 60) : null,
    chart: withChart ? { cid: chartCid(m.id), file: `${chartFile(m.id)}.png`, alt: chartAlt(m) } : null,
  };
}

function countsOf(report: ReportModel): HealthBadge[] {
  const c = report.summary.counts;
  const entries: Array<[number, 0 | 1 | 2 | 3]> = [
    [c.okay, 3],
    [c.attention, 2],
    [c.problem, 1],
    [c.unknown, 0],
  ];
  return entries
    .filter(([count, level]) => count > 0 || level === 3)
    .map(([count, level]) => {
      const s = healthStyle(level);
      return { text: `${s.symbol} ${count} ${s.phrase.toLowerCase()}${level === 1 && count !== 1 ? 's' : ''}`, color: s.color, background: s.background, border: s.border, level };
    });
}

/** "5 on track, 2 attention, 1 problem" (zero counts left out, except on track). */
export function countsWords(report: ReportModel): string {
  const c = report.summary.counts;
  const words = [`${c.okay} on track`];
  if (c.attention) words.push(`${c.attention} attention`);
  if (c.problem) words.push(`${c.problem} problem${c.problem === 1 ? '' : 's'}`);
  if (c.unknown) words.push(`${c.unknown} without data`);
  return words.join(', ');
}

function movers(metrics: readonly MetricReport[]): EmailView['movers'] {
  return metrics
    .filter((m) => m.deltas.previous_month?.percent !== null && m.deltas.previous_month !== null && Math.round(m.deltas.previous_month.percent ?? 0) !== 0)
    .sort((a, b) => Math.abs(b.deltas.previous_month?.percent ?? 0) - Math.abs(a.deltas.previous_month?.percent ?? 0) || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((m) => {
      const change = monthChange(m);
      return { name: clip(plainText(m.name), NAME_MAX), words: `${change.arrow} ${change.words}`, color: TONE_COLORS[change.tone] };
    });
}

export function emailView(report: ReportModel, pageUrl: string | null): EmailView {
  const kpis = report.metrics.filter((m) => m.is_key);
  const others = report.metrics.filter((m) => !m.is_key);
  const counts = countsWords(report);
  const title = plainText(report.title);
  const tiles = kpis.map((m) => tile(m, m.series.some((p) => p.value !== null)));
  const preheader = clip(
    [counts, ...kpis.map((m) => `${clip(plainText(m.name), 40)}: ${metricValue(m)}`)].join(' · '),
    150,
  );
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
    kpis: tiles,
    movers: movers(report.metrics),
    others: others.map((m) => {
      const change = monthChange(m);
      return { name: clip(plainText(m.name), NAME_MAX), value: metricValue(m), detail: emailDetail(m), health: badge(m), change: change.arrow ? `${change.arrow} ${change.short}` : '—', change_color: TONE_COLORS[change.tone] };
    }),
    page_url: pageUrl ? safeUrl(pageUrl) : null,
    dris: [...byDri].map(([dri, names]) => ({ dri: clip(plainText(dri), 60), names: names.join(', ') })),
    internal_note: internal ? `${internal} indicator${internal === 1 ? ' is' : 's are'} internal: in this email, not on the public page.` : null,
  };
}
