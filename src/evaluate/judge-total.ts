// Quarterly and yearly targets: the fiscal period's total so far against the pro-rated target, and
// where the current monthly rate takes it by the period's last month. Missing months are never
// read as 0 in silence: the reasons name them, and the forecast fills them at the current rate.
// The total follows the kind's aggregation (its descriptor): `sum` adds the months; `distinct`
// reads the one value collected for the whole period so far (a person active in three months
// counts once); `level` is the value at the period's end, i.e. its latest month (`check` refuses
// period targets on kinds with aggregation `none`).
import { addMonths, compareMonths, formatMonth, type MonthRef } from '../periods/periods.ts';
import type { Target } from '../goals/target.ts';
import type { Aggregation } from '../sources/types.ts';
import { formatNumber, joinWords, monthName } from './format.ts';
import { judgeTotal } from './health.ts';
import { healthOf } from './labels.ts';
import type { Forecast, MetricHealth } from './model.ts';
import type { MetricMonths } from './series.ts';
import type { TotalPeriod } from './targets.ts';

/** How many months the rate averages, and how far back it looks for them. */
const RATE_MONTHS = 3;
const RATE_LOOKBACK = 12;

/** Average of the last (up to) three months with a value measured with today's definition. */
function monthlyRate(months: MetricMonths): number {
  const values: number[] = [];
  for (let back = 0; back < RATE_LOOKBACK && values.length < RATE_MONTHS; back++) {
    const v = months.value(addMonths(months.period, -back));
    if (v !== null) values.push(v);
  }
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function sumForecast(months: MetricMonths, period: TotalPeriod): Forecast {
  const elapsed = period.months.filter((m) => compareMonths(m, months.period) <= 0);
  const missing: MonthRef[] = [];
  const unavailable: MonthRef[] = [];
  let actual = 0;
  for (const m of elapsed) {
    // Months measured with an older definition still count: the total is what was reported.
    const v = months.anyValue(m);
    if (v !== null) actual += v;
    else if (months.status(m) === 'missing') missing.push(m);
    else unavailable.push(m);
  }
  const monthsLeft = period.months.length - elapsed.length;
  const rate = monthlyRate(months);
  const forecast = actual + rate * (monthsLeft + missing.length + unavailable.length);
  const last = period.months.at(-1) ?? months.period;
  return {
    period: period.label,
    last_month: formatMonth(last),
    months_elapsed: elapsed.length,
    months_total: period.months.length,
    actual_to_date: actual,
    expected_to_date: (period.total * elapsed.length) / period.months.length,
    monthly_rate: rate,
    forecast,
    target: period.total,
    gap: forecast - period.total,
    missing_months: missing.map(formatMonth),
    unavailable_months: unavailable.map(formatMonth),
    aggregation: 'sum',
  };
}

/** The months of `period` up to this one. */
const elapsedOf = (months: MetricMonths, period: TotalPeriod) => period.months.filter((m) => compareMonths(m, months.period) <= 0);

/**
 * A level (the median age of the MRs open at an instant): the period's value is its last month's,
 * so to date it is this month's, judged against the target itself (a level is not pro-rated), and
 * it is forecast to stay where it is.
 */
function levelForecast(months: MetricMonths, period: TotalPeriod, level: number): Forecast {
  const elapsed = elapsedOf(months, period);
  return {
    period: period.label,
    last_month: formatMonth(period.months.at(-1) ?? months.period),
    months_elapsed: elapsed.length,
    months_total: period.months.length,
    actual_to_date: level,
    expected_to_date: period.total,
    monthly_rate: 0,
    forecast: level,
    target: period.total,
    gap: level - period.total,
    missing_months: [],
    unavailable_months: [],
    aggregation: 'level',
  };
}

/**
 * Distinct over the period: the value collected for the fiscal period from its first month to this
 * one in one range. The forecast extends the total at its average per elapsed month (new people
 * keep arriving; those already counted are not counted again). Null when no such value was
 * collected for this period: adding the months would count a person once per month.
 */
function distinctForecast(months: MetricMonths, period: TotalPeriod): Forecast | string {
  const total = months.current?.period_total;
  const thisMonth = formatMonth(months.period);
  if (!total || total.period !== period.label || total.to !== thisMonth) {
    return `no ${period.label} total collected for ${thisMonth} (months cannot be added: a person active in several months would count several times); a run or backfill of ${thisMonth} collects it`;
  }
  // The source's error stays in the CI log (collect logs it): this text reaches the public page and PI data.
  if (total.value === null) return `the ${period.label} total could not be collected this month`;
  const elapsed = elapsedOf(months, period);
  const rate = total.value / Math.max(1, elapsed.length);
  const forecast = total.value + rate * (period.months.length - elapsed.length);
  return {
    period: period.label,
    last_month: formatMonth(period.months.at(-1) ?? months.period),
    months_elapsed: elapsed.length,
    months_total: period.months.length,
    actual_to_date: total.value,
    expected_to_date: (period.total * elapsed.length) / period.months.length,
    monthly_rate: rate,
    forecast,
    target: period.total,
    gap: forecast - period.total,
    missing_months: [],
    unavailable_months: [],
    aggregation: 'distinct',
  };
}

/** The period's forecast by the kind's aggregation, or why there is none. */
export function forecastOf(months: MetricMonths, period: TotalPeriod, aggregation: Aggregation = 'sum'): Forecast | string {
  switch (aggregation) {
    case 'sum':
      return sumForecast(months, period);
    case 'distinct':
      return distinctForecast(months, period);
    case 'level': {
      const level = months.anyValue(months.period);
      return level === null ? `no value for ${formatMonth(months.period)}` : levelForecast(months, period, level);
    }
    case 'none':
      return `a ${period.label} total does not exist for this kind (its months cannot be added); set a monthly target instead`;
  }
}

function verdict(gap: number, direction: 'higher' | 'lower', final: boolean): string {
  const n = formatNumber(Math.abs(gap));
  if (direction === 'higher') {
    if (gap < 0) return `${n} short`;
    return final ? 'target met' : gap === 0 ? 'on target' : `${n} ahead`;
  }
  if (gap > 0) return `${n} over`;
  return final ? 'within target' : gap === 0 ? 'on target' : `${n} under`;
}

export function judgeTotalMonth(months: MetricMonths, period: TotalPeriod, target: Target, aggregation: Aggregation = 'sum'): { health: MetricHealth; forecast: Forecast | null } {
  const f = forecastOf(months, period, aggregation);
  if (typeof f === 'string') return { health: healthOf(0, [f]), forecast: null };
  const direction = target.direction;
  const level = judgeTotal({ actual: f.actual_to_date, expected: f.expected_to_date, forecast: f.forecast, target: f.target }, direction, target.tolerance);
  const of = `${direction === 'lower' ? 'at most ' : ''}${formatNumber(f.target)}`;
  const head = f.aggregation === 'level' ? `${f.period} level ${formatNumber(f.actual_to_date)} against ${of}` : `${f.period} ${f.aggregation === 'distinct' ? 'distinct total' : 'total'} ${formatNumber(f.actual_to_date)} of ${of}`;
  const complete = f.months_elapsed === f.months_total && f.missing_months.length === 0 && f.unavailable_months.length === 0;
  const reasons = [
    complete || f.aggregation === 'level'
      ? `${head} — ${verdict(f.gap, direction, complete)}`
      : `${head} (${formatNumber(f.expected_to_date)} expected by now); at the current rate ${formatNumber(f.forecast)} by ${monthName(period.months.at(-1) ?? months.period)} — ${verdict(f.gap, direction, false)}`,
  ];
  const names = (labels: string[]) => joinWords(labels.map((l) => monthName({ year: Number(l.slice(0, 4)), month: Number(l.slice(5)) })));
  if (f.missing_months.length) reasons.push(`${names(f.missing_months)} missing from history — total may be low; run backfill`);
  if (f.unavailable_months.length) reasons.push(`${names(f.unavailable_months)} had no data — total may be low; run backfill to retry`);
  return { health: healthOf(level, reasons), forecast: f };
}
