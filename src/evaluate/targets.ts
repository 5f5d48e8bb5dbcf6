// What a goals-file target means for one month: the number a month is compared with (monthly,
// ramp), or the fiscal quarter / year whose total is judged (quarterly, yearly), and the words.
import { fiscalQuarterOf, fiscalYearLabel, fiscalYearMonths, fiscalYearOf, type MonthRef } from '../periods/periods.ts';
import type { Target } from '../goals/target.ts';
import { formatAmount } from './format.ts';
import type { TargetKind } from './model.ts';

export function targetKind(target: Target | undefined): TargetKind {
  if (!target) return 'none';
  // The monthly side first: with both sides set, `kind` names the monthly one and the view's
  // total_period / total_target carry the period one.
  if (target.monthly !== undefined) return 'monthly';
  if (target.ramp !== undefined) return 'ramp';
  if (target.quarterly !== undefined) return 'quarterly';
  if (target.yearly !== undefined) return 'yearly';
  return 'none';
}

/** The monthly target that applies to `month` (monthly, or its fiscal quarter's ramp entry); null otherwise. */
export function monthTarget(target: Target | undefined, month: MonthRef, fiscalYearStart: number): number | null {
  if (!target) return null;
  if (target.monthly !== undefined) return target.monthly;
  if (target.ramp !== undefined) return target.ramp[fiscalQuarterOf(month, fiscalYearStart).label] ?? null;
  return null;
}

export interface TotalPeriod {
  /** "FY27-Q3" or "FY27" */
  label: string;
  /** Every month of the fiscal quarter or year, in order. */
  months: MonthRef[];
  total: number;
}

/** Quarterly and yearly targets: the fiscal period `month` falls in and its total target. */
export function totalPeriod(target: Target | undefined, month: MonthRef, fiscalYearStart: number): TotalPeriod | null {
  if (target?.quarterly !== undefined) {
    const q = fiscalQuarterOf(month, fiscalYearStart);
    return { label: q.label, months: q.months, total: target.quarterly };
  }
  if (target?.yearly !== undefined) {
    return { label: fiscalYearLabel(fiscalYearOf(month, fiscalYearStart)), months: fiscalYearMonths(month, fiscalYearStart), total: target.yearly };
  }
  return null;
}

/** What one value of a metric covers: a month, or (per-release metrics) one release. */
export type TargetPer = 'month' | 'release';

/** The monthly side (monthly, ramp) of a target alone, or undefined when it has none. */
function monthlySide(target: Target | undefined): Target | undefined {
  if (target?.monthly === undefined && target?.ramp === undefined) return undefined;
  const { quarterly: _q, yearly: _y, ...rest } = target;
  return rest;
}

/** The period side (quarterly, yearly) of a target alone, or undefined when it has none. */
function periodSide(target: Target | undefined): Target | undefined {
  if (target?.quarterly === undefined && target?.yearly === undefined) return undefined;
  const { monthly: _m, ramp: _r, ...rest } = target;
  return rest;
}

/** True when a target has both a monthly side and a period side (each judged; health is the worse). */
export function hasBothSides(target: Target | undefined): boolean {
  return monthlySide(target) !== undefined && periodSide(target) !== undefined;
}

/**
 * The target in words for `month`, e.g. "At least 170 contributors per month", "At least 450 merge
 * requests per release" or "2,000 in FY27". A higher-is-better target is met at exactly the target
 * (health.ts: value ≥ target), so it is "At least N", never "Above N". A target with a monthly and
 * a period side says both: "At least 40 per month and at least 150 in FY27-Q3".
 */
export function targetWords(target: Target | undefined, month: MonthRef, fiscalYearStart: number, unit: string | undefined, per: TargetPer = 'month'): string {
  if (hasBothSides(target)) {
    const period = sideWords(periodSide(target), month, fiscalYearStart, unit, per);
    const periodPart = target?.direction === 'lower' ? period.replace(/^At most/, 'at most') : /^\d/.test(period) ? `at least ${period}` : period;
    return `${sideWords(monthlySide(target), month, fiscalYearStart, unit, per)} and ${periodPart}`;
  }
  return sideWords(target, month, fiscalYearStart, unit, per);
}

function sideWords(target: Target | undefined, month: MonthRef, fiscalYearStart: number, unit: string | undefined, per: TargetPer): string {
  const lower = target?.direction === 'lower';
  const amount = (n: number) => formatAmount(n, unit);
  switch (targetKind(target)) {
    case 'monthly':
      return lower ? `At most ${amount(target?.monthly ?? 0)}` : `At least ${amount(target?.monthly ?? 0)} per ${per}`;
    case 'quarterly':
    case 'yearly': {
      const total = totalPeriod(target, month, fiscalYearStart);
      if (!total) return 'No target set';
      return lower ? `At most ${amount(total.total)} in ${total.label}` : `${amount(total.total)} in ${total.label}`;
    }
    case 'ramp': {
      const quarter = fiscalQuarterOf(month, fiscalYearStart).label;
      const value = monthTarget(target, month, fiscalYearStart);
      if (value === null)
        return `No target for ${quarter} (the ramp sets ${Object.keys(target?.ramp ?? {})
          .sort()
          .join(', ')})`;
      return lower ? `${quarter} ramp: at most ${amount(value)}` : `${quarter} ramp: ${amount(value)} per ${per}`;
    }
    case 'none':
      return 'No target set';
  }
}
