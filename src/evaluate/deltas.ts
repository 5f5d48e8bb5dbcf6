// Changes against earlier months, only between months measured with the same definition: a
// changed definition_hash is a break in the series, and no delta is computed across it.
import { addMonths, formatMonth, monthRange, type MonthRef } from '../periods/periods.ts';
import type { Change, Deltas, Trend } from './model.ts';
import type { MetricMonths } from './series.ts';

function percentOf(change: number, base: number): number | null {
  return base === 0 ? null : (change / base) * 100;
}

function changeAgainst(months: MetricMonths, value: number, base: MonthRef): Change | null {
  const baseValue = months.value(base);
  if (baseValue === null) return null;
  const change = value - baseValue;
  return { base_period: formatMonth(base), base_value: baseValue, change, percent: percentOf(change, baseValue) };
}

function average(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Average of this month and the two before it, against the three months before those. */
function trend(months: MetricMonths): Trend | null {
  const six = monthRange(addMonths(months.period, -5), months.period).map((m) => months.value(m));
  if (six.some((v) => v === null)) return null;
  const values = six as number[];
  const prior = average(values.slice(0, 3));
  const recent = average(values.slice(3));
  const change = recent - prior;
  const percent = percentOf(change, prior);
  const flat = percent === null ? change === 0 : Math.abs(percent) < 1;
  return { recent_average: recent, prior_average: prior, change, percent, direction: flat ? 'flat' : change > 0 ? 'up' : 'down' };
}

export function deltasOf(months: MetricMonths): Deltas {
  const value = months.value(months.period);
  if (value === null) return { previous_month: null, same_month_last_year: null, trend_3m: null };
  return {
    previous_month: changeAgainst(months, value, addMonths(months.period, -1)),
    same_month_last_year: changeAgainst(months, value, addMonths(months.period, -12)),
    trend_3m: trend(months),
  };
}
