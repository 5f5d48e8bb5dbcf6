// Quarterly and yearly targets: the fiscal period's total so far against the pro-rated target, and
// where the current monthly rate takes it by the period's last month. Missing months are never
// read as 0 in silence: the reasons name them, and the forecast fills them at the current rate.
import { addMonths, compareMonths, formatMonth, type MonthRef } from '../periods/periods.ts';
import type { Target } from '../goals/target.ts';
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

export function forecastOf(months: MetricMonths, period: TotalPeriod): Forecast {
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
  };
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

export function judgeTotalMonth(months: MetricMonths, period: TotalPeriod, target: Target): { health: MetricHealth; forecast: Forecast } {
  const f = forecastOf(months, period);
  const direction = target.direction;
  const level = judgeTotal({ actual: f.actual_to_date, expected: f.expected_to_date, forecast: f.forecast, target: f.target }, direction, target.tolerance);
  const of = `${direction === 'lower' ? 'at most ' : ''}${formatNumber(f.target)}`;
  const head = `${f.period} total ${formatNumber(f.actual_to_date)} of ${of}`;
  const complete = f.months_elapsed === f.months_total && f.missing_months.length === 0 && f.unavailable_months.length === 0;
  const reasons = [
    complete
      ? `${head} — ${verdict(f.gap, direction, true)}`
      : `${head} (${formatNumber(f.expected_to_date)} expected by now); at the current rate ${formatNumber(f.forecast)} by ${monthName(period.months.at(-1) ?? months.period)} — ${verdict(f.gap, direction, false)}`,
  ];
  const names = (labels: string[]) => joinWords(labels.map((l) => monthName({ year: Number(l.slice(0, 4)), month: Number(l.slice(5)) })));
  if (f.missing_months.length) reasons.push(`${names(f.missing_months)} missing from history — total may be low; run backfill`);
  if (f.unavailable_months.length) reasons.push(`${names(f.unavailable_months)} had no data — total may be low; run backfill to retry`);
  return { health: healthOf(level, reasons), forecast: f };
}
