// The report model: everything a renderer (handbook page, email, charts) needs, computed once by
// evaluate() and never re-derived in templates. Field names are snake_case like the goals file and
// the snapshots, because templates and the PI data file expose them to people.

import type { BreakdownKind } from '../sources/types.ts';

/** Handbook performance-indicator health: 3 Okay, 2 Attention, 1 Problem, 0 Unknown. */
export type HealthLevel = 0 | 1 | 2 | 3;
export type HealthLabel = 'Unknown' | 'Problem' | 'Attention' | 'Okay';

export interface MetricHealth {
  level: HealthLevel;
  label: HealthLabel;
  /** Plain-words reasons, most important first, e.g. "182 vs target 170 (+7%); third month above target". */
  reasons: string[];
}

export type TargetKind = 'monthly' | 'quarterly' | 'yearly' | 'ramp' | 'none';

export interface TargetView {
  kind: TargetKind;
  direction: 'higher' | 'lower';
  /** Fraction, 0.1 = 10%. */
  tolerance: number;
  /** The target in words for this period: "At least 170 contributors per month", "At most 24 hours", "2,000 in FY27", "FY27-Q1 ramp: 150 per month", "No target set". */
  words: string;
  /** The target this month's value is compared with (monthly and ramp); null for totals and no target. */
  month_target: number | null;
  /** Quarterly / yearly: the fiscal period whose total is judged ("FY27-Q3", "FY27") and its target. */
  total_period: string | null;
  total_target: number | null;
}

/** A change against one earlier month measured with the same definition. */
export interface Change {
  base_period: string;
  base_value: number;
  /** value − base_value */
  change: number;
  /** change / base_value × 100; null when base_value is 0. */
  percent: number | null;
}

/** Average of the last three months against the average of the three before them. */
export interface Trend {
  recent_average: number;
  prior_average: number;
  change: number;
  percent: number | null;
  /** flat when the two averages differ by less than 1% (or are equal when the prior average is 0). */
  direction: 'up' | 'down' | 'flat';
}

export interface Deltas {
  /** null when the previous month is missing, unavailable or measured with another definition. */
  previous_month: Change | null;
  same_month_last_year: Change | null;
  /** null unless all six months have values with the current definition. */
  trend_3m: Trend | null;
}

/** Quarterly / yearly targets: where the total stands and where the current rate takes it. */
export interface Forecast {
  /** "FY27" or "FY27-Q3" */
  period: string;
  /** "YYYY-MM" of the fiscal period's last month. */
  last_month: string;
  months_elapsed: number;
  months_total: number;
  /** Sum of the months so far that have a value (this month included). */
  actual_to_date: number;
  /** target × months_elapsed / months_total */
  expected_to_date: number;
  /** Monthly rate used: average of the last (up to) three months with values and the current definition. */
  monthly_rate: number;
  /** actual_to_date + monthly_rate × (months left + missing months). */
  forecast: number;
  target: number;
  /** forecast − target (negative = short for higher-is-better). */
  gap: number;
  /** Months of the fiscal period so far with no snapshot for this metric. */
  missing_months: string[];
  /** Months of the fiscal period so far whose snapshot says unavailable. */
  unavailable_months: string[];
  /**
   * How the total was made (the kind's aggregation): `sum` of the months; `distinct`, one value
   * collected for the period so far (monthly_rate is its average per elapsed month); `level`, this
   * month's value (expected_to_date is the target, monthly_rate 0, forecast the level).
   */
  aggregation: 'sum' | 'distinct' | 'level';
}

export type PointStatus = 'ok' | 'manual' | 'unavailable' | 'missing';

export interface SeriesPoint {
  /** "YYYY-MM" */
  period: string;
  value: number | null;
  status: PointStatus;
  /** Measured with the same definition as this month's value. */
  comparable: boolean;
  /** True on the first month of a new definition: charts draw a gap or marker before it. */
  break: boolean;
  /** That month's monthly target under today's goals (monthly, ramp); null otherwise. */
  target: number | null;
}

export interface ContributorView {
  username: string;
  name: string;
  count: number;
  web_url: string;
}

/** One row of a metric's breakdown, as renderers get it (every field present). */
export interface BreakdownRowView {
  key: string;
  label: string;
  value: number | null;
  /** YYYY-MM-DD: a release's due date, an item's counted date; null when none. */
  date: string | null;
  url: string | null;
  /** A retention cohort still filling in. */
  partial: boolean;
  /** How many things the row is computed from (people in a cohort, MRs in a statistic); null when not given. */
  count: number | null;
  /** The source marked this row's label and link confidential: public outputs show neither. */
  confidential?: boolean;
}

/**
 * This month's breakdown. `releases`: the releases due this month; `cohorts`: retention of the
 * newest complete cohort then younger partial ones; `statistics`: median and p75; `items`: what was
 * counted (e.g. meetup issues, at most 50).
 */
export interface BreakdownView {
  kind: BreakdownKind;
  rows: BreakdownRowView[];
}

/** One release of the per-release series, from this month's and earlier snapshots. */
export interface ReleasePoint {
  /** Milestone title, e.g. "17.5". */
  release: string;
  /** Its due date (YYYY-MM-DD). */
  due_date: string | null;
  value: number | null;
  /** The report month that recorded it. */
  period: string;
}

/** Where the number comes from: the goals file's source entry and the query sent to it. */
export interface MetricSource {
  /** Name of the entry under `sources:` ("gitlab"). */
  name: string;
  /** Source type ("gitlab", "discourse", …). */
  type: string;
  /** The metric's query as the goals file gives it (render puts it into words). */
  query: Record<string, unknown>;
}

export interface MetricReport {
  id: string;
  name: string;
  definition: string;
  is_key: boolean;
  public: boolean;
  dri: string | null;
  urls: string[];
  unit: string | null;
  /** This month's value; null when unavailable or not collected. */
  value: number | null;
  status: PointStatus;
  /** The source's caveat ("entered by hand in the goals file"); null when none. */
  note: string | null;
  target: TargetView;
  health: MetricHealth;
  deltas: Deltas;
  forecast: Forecast | null;
  /** The last 13 months, oldest first, this month last. */
  series: SeriesPoint[];
  /** First month of the current definition when it changed within the series window; else null. */
  definition_changed_in: string | null;
  source: MetricSource;
  /** People whose first contribution fell in this month, most contributions first. */
  first_time_contributors: ContributorView[];
  /** Up to ten people with the most contributions this month. */
  top_contributors: ContributorView[];
  /** True when this month's value is an estimate (say "estimate" next to it). */
  estimate: boolean;
  /**
   * The team's note for this month from the goals file (`commentary`), as written: untrusted text,
   * each renderer escapes it for its output. null (or absent, in models built by hand) when none.
   */
  commentary?: string | null;
  /** This month's breakdown, or null when the metric has none. */
  breakdown: BreakdownView | null;
  /** For per-release metrics (merged_mrs_per_milestone): every release recorded in the series window, oldest first; empty otherwise. */
  releases: ReleasePoint[];
}

export interface HealthCounts {
  okay: number;
  attention: number;
  problem: number;
  unknown: number;
}

export interface SummaryRow {
  id: string;
  name: string;
  is_key: boolean;
  level: HealthLevel;
  label: HealthLabel;
  /** The first health reason, for one-line tables. */
  reason: string;
}

export interface ReportSummary {
  counts: HealthCounts;
  /** Counts over KPIs (is_key) only. */
  kpi_counts: HealthCounts;
  /** KPIs first, then the rest, each group in the goals file's order. */
  rows: SummaryRow[];
}

export interface ReportPeriod {
  /** "2026-10" */
  label: string;
  /** "October 2026" */
  name: string;
  /** "FY27-Q3" */
  fiscal_quarter: string;
  /** "FY27" */
  fiscal_year: string;
}

export interface ReportModel {
  title: string;
  org: string;
  base_path: string;
  timezone: string;
  period: ReportPeriod;
  generated_at: string;
  /** KPIs first, then the rest, each group in the goals file's order. */
  metrics: MetricReport[];
  summary: ReportSummary;
}
