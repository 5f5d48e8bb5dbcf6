// The health rule (documented for users in docs/health.md; keep both in step):
//
//   Monthly and ramp targets: this month's value against the month's target.
//     meets the target (higher: value ≥ target; lower: value ≤ target)        → 3 Okay
//     within `tolerance` of it (higher: ≥ target × (1 − tolerance);
//                               lower:  ≤ target × (1 + tolerance))            → 2 Attention
//     otherwise                                                                → 1 Problem
//   Quarterly and yearly targets (totals), judged cumulatively (judge-total.ts; this is `sum`, the
//   kinds whose months add up; `distinct` and `level` kinds make actual and forecast differently):
//     actual to date = sum of the fiscal period's months so far (history + this month)
//     expected to date = target × months elapsed / months in the period
//     forecast = actual to date + monthly rate × (months left + months missing), where the monthly
//                rate is the average of the last (up to) three months measured with today's definition
//     actual meets expected                                                    → 3 Okay
//     actual within tolerance of expected, or the forecast meets the target   → 2 Attention
//     otherwise                                                                → 1 Problem
//   No value this month (unavailable or not collected) → 0 Unknown, with the source's reason.
//   No target (or a ramp that skips this month's quarter) → 0 Unknown, "no target set".
//   A monthly side and a period side together: each judged as above; the health is the worse of the
//   two judged levels, the worse side's reasons first (labels.ts worseOf).

import { add, compare, mul, ONE, sub, toDecimal } from './decimal.ts';

export type Direction = 'higher' | 'lower';
export type JudgedLevel = 1 | 2 | 3;

// Comparisons are exact, as documented: no slack. The tolerance edge (target × (1 ∓ tolerance)) is
// computed in exact decimal arithmetic on the numbers as written, so "exactly at the edge" is
// Attention even where binary floating point would land a hair below it (0.9 × 170).

export function meets(value: number, target: number, direction: Direction): boolean {
  const side = compare(toDecimal(value), toDecimal(target));
  return direction === 'higher' ? side >= 0 : side <= 0;
}

export function withinTolerance(value: number, target: number, direction: Direction, tolerance: number): boolean {
  const factor = direction === 'higher' ? sub(ONE, toDecimal(tolerance)) : add(ONE, toDecimal(tolerance));
  const side = compare(toDecimal(value), mul(toDecimal(target), factor));
  return direction === 'higher' ? side >= 0 : side <= 0;
}

/** The level of a value against a target: 3 meets, 2 within tolerance, 1 otherwise. */
export function judge(value: number, target: number, direction: Direction, tolerance: number): JudgedLevel {
  if (meets(value, target, direction)) return 3;
  if (withinTolerance(value, target, direction, tolerance)) return 2;
  return 1;
}

/** The level of a cumulative total: 3 on track, 2 within tolerance or forecast meets the target, 1 otherwise. */
export function judgeTotal(t: { actual: number; expected: number; forecast: number; target: number }, direction: Direction, tolerance: number): JudgedLevel {
  if (meets(t.actual, t.expected, direction)) return 3;
  if (withinTolerance(t.actual, t.expected, direction, tolerance) || meets(t.forecast, t.target, direction)) return 2;
  return 1;
}

/** Words for meeting and missing a target in `direction`. */
export function sideWords(direction: Direction): { meets: string; misses: string } {
  return direction === 'higher' ? { meets: 'above target', misses: 'below target' } : { meets: 'within target', misses: 'over target' };
}
