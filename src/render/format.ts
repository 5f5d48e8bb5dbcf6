// Every number, word, arrow and colour the outputs show, computed here once. Templates only place
// these strings (the same helpers are also registered with Handlebars for override templates).
import { formatAmount, formatNumber, formatPercent } from '../evaluate/format.ts';
import type { Change, HealthLevel, MetricReport, PointStatus, TargetView } from '../evaluate/model.ts';
import { MONTH_NAMES } from '../periods/names.ts';
import { clip, oneLine } from './escape.ts';

// The month names have one home (periods/names.ts); the short form is their first three letters.
const LONG_MONTHS: readonly string[] = MONTH_NAMES;
const SHORT_MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3));

function split(period: string): { year: number; month: number } {
  const [y, m] = period.split('-').map(Number);
  return { year: y ?? 0, month: m ?? 1 };
}

/** "2026-10" → "Oct ’26" (chart axes: short, and never mistaken for a day of the month). */
export function shortMonth(period: string): string {
  const { year, month } = split(period);
  return `${SHORT_MONTHS[month - 1] ?? '?'} ’${String(year % 100).padStart(2, '0')}`;
}

/** "2026-10" → "October 2026" */
export function longMonth(period: string): string {
  const { year, month } = split(period);
  return `${LONG_MONTHS[month - 1] ?? '?'} ${year}`;
}

/** "2026-10" → "October" */
export function monthOnly(period: string): string {
  return LONG_MONTHS[split(period).month - 1] ?? period;
}

/** 182 + "contributors" → "182 contributors"; 1 → "1 contributor"; 50 + "%" → "50%"; null → "no data" (unit rule: formatAmount). */
export function valueWithUnit(value: number | null, unit: string | null): string {
  if (value === null || !Number.isFinite(value)) return 'no data';
  return formatAmount(value, unit ? clip(oneLine(unit), 30) : null);
}

/** This month's value of a metric as every output shows it: "10,240 users (estimate)" when it is an estimate. */
export function metricValue(m: Pick<MetricReport, 'value' | 'unit' | 'estimate'>): string {
  const v = valueWithUnit(m.value, m.unit);
  return m.estimate && m.value !== null ? `${v} (estimate)` : v;
}

/** A bare number for tables and chart data: "1,410"; null → "—". */
export function numberOrDash(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : formatNumber(value);
}

export type Movement = 'up' | 'down' | 'flat' | 'none';
/** Whether a movement is good news given the metric's direction. */
export type Tone = 'good' | 'bad' | 'neutral';

export interface ChangeView {
  movement: Movement;
  /** ▲ ▼ ▶ or an empty string when there is nothing to compare. */
  arrow: string;
  /** "up 7% (+12) vs September", "no change vs September", "no earlier month to compare". */
  words: string;
  /** "+7%" or "+12" when the base is 0, "" when there is nothing to compare. */
  short: string;
  tone: Tone;
}

function signed(n: number): string {
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '-'}${formatNumber(Math.abs(n))}`;
}

/** The change against last month of a metric, or why there is none. */
export function monthChange(m: MetricReport): ChangeView {
  if (m.value === null) return { movement: 'none', arrow: '', words: 'no value this month', short: '', tone: 'neutral' };
  return changeView(m.deltas.previous_month, m.target.direction);
}

/** A change against an earlier month in words, with an arrow that never relies on colour ("vs September"; `yearAgo`: "vs October 2025"). */
export function changeView(change: Change | null, direction: 'higher' | 'lower', yearAgo = false): ChangeView {
  if (!change || !Number.isFinite(change.change)) return { movement: 'none', arrow: '', words: yearAgo ? 'no comparable value a year ago' : 'no comparable value last month', short: '', tone: 'neutral' };
  const vs = `vs ${yearAgo ? longMonth(change.base_period) : monthOnly(change.base_period)}`;
  const pct = change.percent === null ? null : formatPercent(change.percent);
  if (change.change === 0 || pct === '0%') {
    return { movement: 'flat', arrow: '▶', words: `flat (${signed(change.change)}) ${vs}`, short: pct ?? signed(change.change), tone: 'neutral' };
  }
  const up = change.change > 0;
  const magnitude = pct === null ? signed(change.change) : `${pct.replace(/^[+-]/, '')} (${signed(change.change)})`;
  const good = up === (direction === 'higher');
  return {
    movement: up ? 'up' : 'down',
    arrow: up ? '▲' : '▼',
    words: `${up ? 'up' : 'down'} ${magnitude} ${vs}`,
    short: pct ?? signed(change.change),
    tone: good ? 'good' : 'bad',
  };
}

/**
 * The target in words. A higher-is-better target is met at exactly the target (health.ts: value ≥
 * target). The report model already says "At least N"; this also covers hand-made models (templates, tests).
 */
export function targetWords(target: Pick<TargetView, 'words' | 'direction'>): string {
  return target.direction === 'higher' ? target.words.replace(/^Above /, 'At least ') : target.words;
}

/** The 3-month trend in words: "3-month average up 4% on the 3 months before"; null when there is none. */
export function trendWords(m: Pick<MetricReport, 'deltas' | 'value'>): string | null {
  const t = m.deltas.trend_3m;
  if (!t || m.value === null) return null;
  if (t.direction === 'flat') return '3-month average flat on the 3 months before';
  const size = t.percent === null ? `${t.change > 0 ? '+' : '-'}${formatNumber(Math.abs(t.change))}` : formatPercent(Math.abs(t.percent)).replace(/^[+-]/, '');
  return `3-month average ${t.direction} ${size} on the 3 months before`;
}

/** Year on year in words: "▲ up 12% (+20) vs October 2025"; null when there is no comparable month. */
export function yearWords(m: Pick<MetricReport, 'deltas' | 'value' | 'target'>): string | null {
  if (m.value === null || !m.deltas.same_month_last_year) return null;
  const c = changeView(m.deltas.same_month_last_year, m.target.direction, true);
  return c.arrow ? `${c.arrow} ${c.words}` : c.words;
}

/** Why a metric has no value this month, for stakeholders: plain words, no error text (that is in the job log). */
export function unavailableWords(m: Pick<MetricReport, 'status'>): string {
  return m.status === 'unavailable' ? 'Not available this month: the data source could not be read when the report was made.' : 'Not available this month.';
}

export interface HealthStyle {
  /** The handbook's word, the one vocabulary every output uses: Okay, Attention, Problem, Unknown. */
  word: string;
  /** A symbol shown with the word: the colour is never the only signal. */
  symbol: string;
  /** Text and background colours with at least 4.5:1 contrast, chosen to survive dark-mode inversion. */
  color: string;
  background: string;
  border: string;
}

const HEALTH: Record<HealthLevel, HealthStyle> = {
  3: { word: 'Okay', symbol: '✓', color: '#0b5d1e', background: '#e3f4e8', border: '#2e7d32' },
  2: { word: 'Attention', symbol: '!', color: '#6b4500', background: '#fff3d6', border: '#b7791f' },
  1: { word: 'Problem', symbol: '✕', color: '#8a1c1c', background: '#fde4e4', border: '#c53030' },
  0: { word: 'Unknown', symbol: '?', color: '#3d4451', background: '#eceef2', border: '#6b7280' },
};

export function healthStyle(level: HealthLevel): HealthStyle {
  return HEALTH[level];
}

export const TONE_COLORS: Record<Tone, string> = { good: '#0b5d1e', bad: '#8a1c1c', neutral: '#3d4451' };

/** Why a month of the series has no value, in words for tables. */
export function pointNote(status: PointStatus, isBreak: boolean): string {
  const notes: string[] = [];
  if (status === 'manual') notes.push('entered by hand');
  if (status === 'unavailable') notes.push('source unavailable');
  if (status === 'missing') notes.push('not in history');
  if (isBreak) notes.push('new definition from here');
  return notes.join('; ');
}

/** "2026-11-02T06:00:00.000Z" → "2 November 2026, 06:00 UTC" (from the report, never the clock). */
export function timestampWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${LONG_MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** `{ kind: merged_mr_authors, group: gitlab-org, labels: [A, B] }` → "merged_mr_authors: group gitlab-org; labels A, B". */
export function queryWords(query: Record<string, unknown>): string {
  const { kind, ...rest } = query;
  const parts: string[] = [];
  for (const key of Object.keys(rest).sort()) {
    const value = rest[key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      parts.push(`${key.replace(/_/g, ' ')} ${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}`);
    } else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (key === 'values') parts.push(`${entries.length} month${entries.length === 1 ? '' : 's'} entered by hand`);
      else {
        // A nested rule (gitlab `community`): its lists read as lists, its empty lists are left out.
        const shown = entries.filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
        parts.push(`${key.replace(/_/g, ' ')} ${shown.map(([k, v]) => `${k.replace(/_/g, ' ')} = ${Array.isArray(v) ? v.map(String).join(', ') : String(v)}`).join(', ')}`);
      }
    } else parts.push(`${key.replace(/_/g, ' ')} ${String(value)}`);
  }
  const head = typeof kind === 'string' ? kind.replace(/_/g, ' ') : 'query';
  return parts.length ? `${head}: ${parts.join('; ')}` : head;
}

/** Metrics to show on the public handbook page and in the PI data. */
export function publicMetrics(metrics: readonly MetricReport[]): MetricReport[] {
  return metrics.filter((m) => m.public);
}
