// What a goals-file target means for one month: the number a month is compared with (monthly,
// ramp), or the fiscal quarter / year whose total is judged (quarterly, yearly), and the words.
import { fiscalQuarterOf, fiscalYearLabel, fiscalYearMonths, fiscalYearOf, type MonthRef } from '../periods/periods.ts';
import type { Target } from '../goals/target.ts';
import { formatAmount } from './format.ts';
import type { TargetKind } from './model.ts';

export function targetKind(target: Target | undefined): TargetKind {
  if (!target) return 'none';
  if (target.monthly !== undefined) return 'monthly';
  if (target.quarterly !== undefined) return 'quarterly';
  if (target.yearly !== undefined) return 'yearly';
  if (target.ramp !== undefined) return 'ramp';
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

/**
 * The target in words for `month`, e.g. "At least 170 contributors per month", "At least 450 merge
 * requests per release" or "2,000 in FY27". A higher-is-better target is met at exactly the target
 * (health.ts: value ≥ target), so it is "At least N", never "Above N".
 */
export function targetWords(target: Target | undefined, month: MonthRef, fiscalYearStart: number, unit: string | undefined, per: TargetPer = 'month'): string {
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
