// Distinct totals (issue: a person active in each month of a quarter is one contributor of the
// quarter, not three). For a kind whose descriptor says `distinct` and a metric with a quarterly
// or yearly target, the collector is asked once more, for one period spanning the fiscal quarter
// or year from its first month to this one; the answer is stored beside the month's value.
import type { Goals, GoalsMetric } from '../goals/goals.ts';
import { fiscalQuarterOf, fiscalYearLabel, fiscalYearMonths, fiscalYearOf, formatMonth, type MonthRef, type Period, periodOf } from '../periods/periods.ts';
import { kindFor } from '../sources/index.ts';
import type { Collector, PeriodTotal } from '../sources/types.ts';

export interface TotalSpan {
  /** "FY27-Q3" or "FY27" */
  period: string;
  /** "YYYY-MM" of the fiscal period's first month. */
  from: string;
  /** From the first instant of the fiscal period's first month to the end of this month. */
  span: Period;
}

/** The fiscal period (label and months) whose distinct total `month` stores, or undefined when the metric needs none. */
export function totalPeriodOf(goals: Goals, metric: GoalsMetric, month: MonthRef): { label: string; months: MonthRef[] } | undefined {
  const type = goals.sources[metric.source]?.type;
  if (type === undefined || kindFor(type, metric.query.kind)?.aggregation !== 'distinct') return undefined;
  const fy = goals.report.fiscal_year_start;
  const target = metric.target;
  if (target?.quarterly !== undefined) return fiscalQuarterOf(month, fy);
  if (target?.yearly !== undefined) return { label: fiscalYearLabel(fiscalYearOf(month, fy)), months: fiscalYearMonths(month, fy) };
  return undefined;
}

/** The range to ask for beside `period`'s value, or undefined when the metric needs none. */
export function totalSpanOf(goals: Goals, metric: GoalsMetric, period: Period): TotalSpan | undefined {
  const total = totalPeriodOf(goals, metric, period);
  if (!total) return undefined;
  const first = total.months[0] ?? period;
  const from = formatMonth(first);
  // The span keeps this month's year and month (it ends in it); only its bounds and label widen.
  return { period: total.label, from, span: { ...period, label: `${from}..${period.label}`, start: periodOf(first, period.timeZone).start } };
}

/** Asks the collector for the span; a failure becomes a missing total with a (masked) reason. */
export async function collectTotal(collector: Collector<unknown>, metric: GoalsMetric, period: Period, span: TotalSpan, describe: (error: unknown) => string): Promise<PeriodTotal> {
  const total = { period: span.period, from: span.from, to: period.label };
  try {
    const outcome = await collector.collect({ id: metric.id, query: metric.query }, span.span);
    if (outcome.status === 'unavailable' || outcome.value === null) return { ...total, value: null, reason: outcome.reason ?? 'the source returned no value' };
    return { ...total, value: outcome.value };
  } catch (error) {
    return { ...total, value: null, reason: describe(error) };
  }
}
