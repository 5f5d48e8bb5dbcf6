// evaluate(): pure. Goals + this month's collected snapshot + history → the snapshot with health
// (what gets written) and the report model (what gets rendered). No I/O, no clock: the same input
// always gives the same output.
import type { Goals, GoalsMetric } from '../goals/goals.ts';
import { fiscalQuarterOf, fiscalYearLabel, fiscalYearOf, formatMonth, type MonthRef } from '../periods/periods.ts';
import type { Snapshot, SnapshotMetric } from '../history/snapshot.ts';
import { breakdownOf, releasesOf } from './breakdown.ts';
import { contributorsOf } from './contributors.ts';
import { deltasOf } from './deltas.ts';
import { monthYear } from './format.ts';
import { judgeMonth } from './judge-month.ts';
import { judgeTotalMonth } from './judge-total.ts';
import { healthOf, worseOf } from './labels.ts';
import type { Forecast, HealthCounts, MetricHealth, MetricReport, ReportModel, ReportSummary, TargetView } from './model.ts';
import { kindFor } from '../sources/index.ts';
import { commentaryFor } from '../goals/commentary.ts';
import { definitionChangedIn, MetricMonths } from './series.ts';
import { hasBothSides, monthTarget, targetKind, targetWords, totalPeriod } from './targets.ts';

export interface EvaluateInput {
  goals: Goals;
  period: MonthRef;
  /** This period's snapshot as buildSnapshot made it (no health yet). */
  snapshot: Snapshot;
  /** Earlier periods, keyed "YYYY-MM" (a snapshot of `period` itself here is ignored). */
  history: ReadonlyMap<string, Snapshot>;
}

export interface EvaluateResult {
  /** The input snapshot with each metric's target (as judged) and health. */
  snapshot: Snapshot;
  report: ReportModel;
}

function targetView(metric: GoalsMetric, type: string, period: MonthRef, fiscalYearStart: number, unit: string | undefined): TargetView {
  const t = metric.target;
  const total = totalPeriod(t, period, fiscalYearStart);
  return {
    kind: targetKind(t),
    direction: t?.direction ?? 'higher',
    tolerance: t?.tolerance ?? 0.1,
    words: targetWords(t, period, fiscalYearStart, unit, kindFor(type, metric.query.kind)?.per ?? 'month'),
    month_target: monthTarget(t, period, fiscalYearStart),
    total_period: total?.label ?? null,
    total_target: total?.total ?? null,
  };
}

function judgeMetric(metric: GoalsMetric, type: string, months: MetricMonths, fiscalYearStart: number): { health: MetricHealth; forecast: Forecast | null } {
  const current = months.current;
  if (!current) return { health: healthOf(0, ['not collected in this run']), forecast: null };
  const value = months.value(months.period);
  if (value === null) return { health: healthOf(0, [`no data: ${current.reason ?? 'the source returned no value'}`]), forecast: null };
  const target = metric.target;
  if (!target) return { health: healthOf(0, ['no target set']), forecast: null };
  const total = totalPeriod(target, months.period, fiscalYearStart);
  const byTotal = total ? judgeTotalMonth(months, total, target, kindFor(type, metric.query.kind)?.aggregation ?? 'sum') : null;
  if (byTotal && !hasBothSides(target)) return byTotal;
  const monthly = monthTarget(target, months.period, fiscalYearStart);
  const byMonth = monthly === null ? healthOf(0, [`no target set for ${fiscalQuarterOf(months.period, fiscalYearStart).label}`]) : judgeMonth(months, value, monthly, target, fiscalYearStart);
  if (!byTotal) return { health: byMonth, forecast: null };
  return { health: worseOf(byMonth, byTotal.health), forecast: byTotal.forecast };
}

function evaluateMetric(metric: GoalsMetric, input: EvaluateInput, history: ReadonlyMap<string, Snapshot>): MetricReport {
  const fy = input.goals.report.fiscal_year_start;
  const current = input.snapshot.metrics[metric.id];
  const months = new MetricMonths(metric.id, input.period, current, history);
  const unit = current?.unit ?? metric.unit;
  const series = months.series((m) => monthTarget(metric.target, m, fy));
  const changedIn = current ? definitionChangedIn(series) : null;
  const type = current?.source.type ?? input.goals.sources[metric.source]?.type ?? 'unknown';
  const { health, forecast } = judgeMetric(metric, type, months, fy);
  if (changedIn && current) health.reasons.push(`definition changed in ${changedIn}`);
  const contributors = contributorsOf(current);
  return {
    id: metric.id,
    name: metric.name,
    definition: metric.definition,
    is_key: metric.is_key,
    public: metric.public,
    dri: metric.dri ?? null,
    urls: [...metric.urls],
    unit: unit ?? null,
    value: months.status(input.period) === 'ok' || months.status(input.period) === 'manual' ? (current?.value ?? null) : null,
    status: months.status(input.period),
    note: current?.note ?? null,
    target: targetView(metric, type, input.period, fy, unit),
    health,
    deltas: deltasOf(months),
    forecast,
    series,
    definition_changed_in: changedIn,
    source: { name: metric.source, type, query: { ...metric.query } },
    first_time_contributors: contributors.first_time,
    top_contributors: contributors.top,
    estimate: current?.estimate === true,
    commentary: commentaryFor(metric.commentary, formatMonth(input.period)),
    breakdown: breakdownOf(current),
    releases: releasesOf(
      metric.id,
      series.map((p) => p.period),
      current,
      history,
      formatMonth(input.period),
    ),
  };
}

function counts(metrics: readonly MetricReport[]): HealthCounts {
  const c: HealthCounts = { okay: 0, attention: 0, problem: 0, unknown: 0 };
  for (const m of metrics) {
    if (m.health.level === 3) c.okay++;
    else if (m.health.level === 2) c.attention++;
    else if (m.health.level === 1) c.problem++;
    else c.unknown++;
  }
  return c;
}

function summaryOf(metrics: readonly MetricReport[]): ReportSummary {
  return {
    counts: counts(metrics),
    kpi_counts: counts(metrics.filter((m) => m.is_key)),
    rows: metrics.map((m) => ({ id: m.id, name: m.name, is_key: m.is_key, level: m.health.level, label: m.health.label, reason: m.health.reasons[0] ?? '' })),
  };
}

export function evaluate(input: EvaluateInput): EvaluateResult {
  const label = formatMonth(input.period);
  // This month's numbers come from the new snapshot only, never from an older copy in history.
  const history = new Map([...input.history].filter(([period]) => period !== label));
  const fy = input.goals.report.fiscal_year_start;

  const evaluated = input.goals.metrics.map((metric) => evaluateMetric(metric, input, history));
  const ordered = [...evaluated.filter((m) => m.is_key), ...evaluated.filter((m) => !m.is_key)];

  const metrics: Record<string, SnapshotMetric> = {};
  for (const [id, entry] of Object.entries(input.snapshot.metrics)) {
    const judged = evaluated.find((m) => m.id === id);
    const goal = input.goals.metrics.find((m) => m.id === id);
    if (!judged || !goal) {
      metrics[id] = entry;
      continue;
    }
    const { target: _old, health: _oldHealth, ...rest } = entry;
    metrics[id] = { ...rest, ...(goal.target ? { target: goal.target } : {}), health: { level: judged.health.level, reasons: [...judged.health.reasons] } };
  }

  const report: ReportModel = {
    title: input.goals.report.title,
    org: input.goals.report.org,
    base_path: input.goals.report.base_path,
    timezone: input.goals.report.timezone,
    period: {
      label,
      name: monthYear(input.period),
      fiscal_quarter: fiscalQuarterOf(input.period, fy).label,
      fiscal_year: fiscalYearLabel(fiscalYearOf(input.period, fy)),
    },
    generated_at: input.snapshot.generated_at,
    metrics: ordered,
    summary: summaryOf(ordered),
  };
  return { snapshot: { ...input.snapshot, metrics }, report };
}
