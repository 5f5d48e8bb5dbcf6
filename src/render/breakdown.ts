// A metric's detail beyond its monthly number, in plain words for every output: the per-release
// series (merged_mrs_per_milestone) and this month's breakdown (retention cohorts, median/p75
// statistics, counted items, releases due). Strings here are NOT escaped: page.ts, email-view.ts
// and text.ts escape them for their own context.
import { formatAmount, formatNumber } from '../evaluate/format.ts';
import type { BreakdownRowView, MetricReport } from '../evaluate/model.ts';
import { MONTH_NAMES } from '../periods/names.ts';
import { longMonth, numberOrDash, shortMonth, valueWithUnit } from './format.ts';

/** An instant's calendar day in `timeZone` ("2026-10-31T23:30:00Z" in Europe/Berlin → "2026-11-01"), or null. */
function dayIn(instant: string, timeZone: string): string | null {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  } catch {
    return null;
  }
}

/**
 * "2026-10-03" → "3 October 2026"; an instant ("2026-10-31T23:30:00Z") → its day in the report's
 * zone, the zone months are counted in; anything else is returned as given.
 */
export function dayWords(value: string, timeZone = 'UTC'): string {
  const date = /^\d{4}-\d{2}-\d{2}T/.test(value) ? (dayIn(value, timeZone) ?? value) : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

/** A cohort key "2026-07" → "July 2026"; other keys fall back to the row's label. */
function cohortName(row: BreakdownRowView): string {
  return /^\d{4}-\d{2}$/.test(row.key) ? longMonth(row.key) : row.label;
}

export interface ReleaseRow {
  release: string;
  due: string;
  value: string;
  target: string;
  /** "October 2026", or "October 2026 (due this month)" for the releases this month's breakdown lists. */
  recorded: string;
}

/**
 * Whether the metric's chart (and history table) is by release rather than by month: once two or
 * more releases are recorded. With one release (a new metric, or history from before it was
 * measured per release) the monthly chart and table stay, beside a one-row release table.
 */
export function byRelease(m: MetricReport): boolean {
  return m.releases.length >= 2;
}

/** The by-release table, newest release first (like the monthly table). */
export function releaseRows(m: MetricReport): ReleaseRow[] {
  const dueNow = new Set(m.breakdown?.kind === 'releases' ? m.breakdown.rows.map((r) => r.key) : []);
  return [...m.releases].reverse().map((r) => ({
    release: r.release,
    due: r.due_date ? dayWords(r.due_date) : '—',
    value: numberOrDash(r.value),
    target: numberOrDash(m.series.find((p) => p.period === r.period)?.target ?? null),
    recorded: `${longMonth(r.period)}${dueNow.has(r.release) ? ' (due this month)' : ''}`,
  }));
}

/** One table of this month's breakdown (cohorts, statistics), or the items list. Plain text cells. */
export interface BreakdownDetail {
  heading: string;
  /** A sentence under the heading, or null. */
  intro: string | null;
  /** Table columns; empty for the items list. */
  columns: string[];
  rows: string[][];
  /** Items: label, date words and URL (the page links it when http/https). */
  items: Array<{ label: string; date: string | null; url: string | null }>;
  /** One line for the email and its text part. */
  summary: string;
}

const mrs = (n: number) => formatAmount(n, 'merge requests');

function cohorts(m: MetricReport, rows: BreakdownRowView[]): BreakdownDetail {
  const cells = rows.map((r) => [
    cohortName(r),
    r.value === null ? '—' : valueWithUnit(r.value, m.unit),
    r.count === null ? '—' : formatNumber(r.count),
    r.count === 0 ? 'no first-time contributors' : r.partial ? 'still filling in' : "complete: this month's value",
  ]);
  const [head, ...later] = rows;
  // The one-line summary is for the email: short month names, counts without the noun.
  const short = (r: BreakdownRowView) => (/^\d{4}-\d{2}$/.test(r.key) ? shortMonth(r.key) : r.label);
  const share = (r: BreakdownRowView) => (r.count === 0 ? 'no first-timers' : `${r.value === null ? 'no value' : valueWithUnit(r.value, m.unit)}${r.count === null ? '' : ` of ${formatNumber(r.count)}`}`);
  const headWords = head ? `${short(head)} cohort: ${share(head)} came back` : '';
  const laterWords = later.length ? `; still filling in: ${later.map((r) => `${short(r)} ${share(r)}`).join(', ')}` : '';
  return {
    heading: 'Retention by cohort',
    intro: "Each row is one month's first-time contributors and the share who contributed again. The first row is complete and is this month's value; later cohorts are still filling in as later months arrive.",
    columns: ['Cohort', 'Came back', 'People', 'Status'],
    rows: cells,
    items: [],
    summary: `${headWords}${laterWords}.`,
  };
}

function statistics(m: MetricReport, rows: BreakdownRowView[]): BreakdownDetail {
  const unreviewed = rows.filter((r) => r.key === 'without_review');
  const stats = rows.filter((r) => r.key !== 'without_review');
  const cells = [...stats.map((r) => [r.label, valueWithUnit(r.value, m.unit), r.count === null ? '—' : mrs(r.count)]), ...unreviewed.map((r) => [r.label, r.value === null ? '—' : mrs(r.value), '—'])];
  const over = stats.find((r) => r.count !== null)?.count ?? null;
  const statWords = stats.map((r) => `${r.key === 'p75' ? 'p75' : r.label.toLowerCase() === 'median' ? 'median' : r.label} ${valueWithUnit(r.value, m.unit)}`).join(', ');
  const first = statWords.charAt(0).toUpperCase() + statWords.slice(1);
  const summary = `${first}${over === null ? '' : ` (of ${mrs(over)})`}` + unreviewed.map((r) => `; ${r.value === null ? '—' : formatNumber(r.value)} merged without a review comment`).join('');
  return { heading: 'This month’s spread', intro: null, columns: ['Statistic', 'Value', 'Measured over'], rows: cells, items: [], summary: `${summary}.` };
}

function items(m: MetricReport, rows: BreakdownRowView[], timeZone: string): BreakdownDetail {
  const total = m.value ?? rows.length;
  const shown = rows.length < total ? `Showing ${formatNumber(rows.length)} of ${formatNumber(total)}.` : null;
  return {
    heading: 'Counted this month',
    intro: shown,
    columns: [],
    rows: [],
    items: rows.map((r) => ({ label: r.label, date: r.date ? dayWords(r.date, timeZone) : null, url: r.url })),
    summary: `Each one is listed, with a link, on the full report${rows.length < total ? ` (the first ${formatNumber(rows.length)})` : ''}.`,
  };
}

/** Rows of the team-only list of unmapped contributors (the organisation kinds' breakdown). */
const isUnmapped = (r: BreakdownRowView) => r.key.startsWith('unmapped:');

/**
 * By organisation: the table (page and email) lists organisations only; the unmapped contributors
 * (authors with several MRs and no organisation) are named in the summary line only, which the
 * email and its text part show to the team and the public page never does.
 */
function organisations(m: MetricReport, rows: BreakdownRowView[]): BreakdownDetail {
  const orgs = rows.filter((r) => !isUnmapped(r));
  const unmapped = rows.filter(isUnmapped);
  // The value column says what the metric counts per organisation (MRs, MRARR, a share) when it is not the MR count.
  const valueIsCount = orgs.every((r) => r.count === null || r.value === r.count);
  const columns = valueIsCount ? ['Organisation', 'Merge requests'] : ['Organisation', 'Merge requests', m.unit ? `Value (${m.unit})` : 'Value'];
  const cells = orgs.map((r) => {
    const mrCell = formatNumber(r.count ?? r.value ?? 0);
    return valueIsCount ? [r.label, mrCell] : [r.label, mrCell, valueWithUnit(r.value, m.unit)];
  });
  // The email clips a detail line: a few organisations, then the names the team must act on.
  const shown = orgs.slice(0, unmapped.length ? 4 : 8);
  const orgWords =
    orgs.length === 0
      ? 'no organisation'
      : `${shown.map((r) => `${r.label} ${valueIsCount ? formatNumber(r.count ?? r.value ?? 0) : valueWithUnit(r.value, m.unit)}`).join(' · ')}${orgs.length > shown.length ? ` and ${formatNumber(orgs.length - shown.length)} more` : ''}`;
  const named = unmapped.slice(0, 5);
  const unmappedWords = unmapped.length ? `; not yet in the organisations file: ${named.map((r) => `${r.label} (${numberOrDash(r.value)})`).join(', ')}${unmapped.length > named.length ? ` and ${formatNumber(unmapped.length - named.length)} more` : ''}` : '';
  return { heading: 'By organisation', intro: null, columns, rows: cells, items: [], summary: `By organisation: ${orgWords}${unmappedWords}.` };
}

/** This month's breakdown in words, or null (no breakdown, or the releases that byRelease shows). Item dates are days in `timeZone`. */
export function breakdownDetail(m: MetricReport, timeZone = 'UTC'): BreakdownDetail | null {
  const b = m.breakdown;
  if (!b || b.rows.length === 0) return null;
  switch (b.kind) {
    case 'cohorts':
      return cohorts(m, b.rows);
    case 'statistics':
      return statistics(m, b.rows);
    case 'items':
      return items(m, b.rows, timeZone);
    case 'organisations':
      return organisations(m, b.rows);
    case 'releases':
      return null;
  }
}

/** One line for the email and text part: the latest releases, or this month's breakdown; null when neither. */
export function detailLine(m: MetricReport, releases = 6): string | null {
  if (m.releases.length > 0) {
    const latest = m.releases.slice(-releases);
    const more = m.releases.length > latest.length ? '… ' : '';
    return `By release: ${more}${latest.map((r) => `${r.release}: ${numberOrDash(r.value)}`).join(' · ')}`;
  }
  if (m.breakdown?.kind === 'releases' && m.breakdown.rows.length) {
    return `Due this month: ${m.breakdown.rows.map((r) => `${r.label}: ${numberOrDash(r.value)}`).join(' · ')}`;
  }
  return breakdownDetail(m)?.summary ?? null;
}
