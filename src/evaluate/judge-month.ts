// Monthly and ramp targets: this month's value against the month's target, with how many months
// in a row it has been on (or off) target.
import { addMonths, type MonthRef } from '../periods/periods.ts';
import type { Target } from '../goals/target.ts';
import { formatNumber, formatPercent, ordinal } from './format.ts';
import { type Direction, judge, meets, sideWords } from './health.ts';
import type { MetricHealth } from './model.ts';
import type { MetricMonths } from './series.ts';
import { monthTarget } from './targets.ts';
import { healthOf } from './labels.ts';

/** Consecutive months ending with this one that are on target (or, if this one is not, off target). */
function streak(months: MetricMonths, target: Target, direction: Direction, fiscalYearStart: number, meetsNow: boolean): number {
  let count = 1;
  for (let m: MonthRef = addMonths(months.period, -1); ; m = addMonths(m, -1)) {
    const value = months.value(m);
    const t = monthTarget(target, m, fiscalYearStart);
    if (value === null || t === null || meets(value, t, direction) !== meetsNow) return count;
    count++;
  }
}

export function judgeMonth(months: MetricMonths, value: number, monthly: number, target: Target, fiscalYearStart: number): MetricHealth {
  const direction = target.direction;
  const level = judge(value, monthly, direction, target.tolerance);
  const pct = monthly === 0 ? '' : ` (${formatPercent(((value - monthly) / monthly) * 100)})`;
  const words = sideWords(direction);
  const run = streak(months, target, direction, fiscalYearStart, level === 3);
  const parts = [`${formatNumber(value)} vs target ${formatNumber(monthly)}${pct}`];
  const tolerance = `${formatNumber(target.tolerance * 100)}%`;
  if (level === 2) parts.push(`within the ${tolerance} tolerance`);
  if (level === 1) parts.push(`more than ${tolerance} ${words.misses}`);
  if (run >= 2) parts.push(`${ordinal(run)} month ${level === 3 ? words.meets : words.misses}`);
  return healthOf(level, [parts.join('; ')]);
}
