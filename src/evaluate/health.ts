// The health rule (documented for users in README.md; keep both in step):
//
//   Monthly and ramp targets: this month's value against the month's target.
//     meets the target (higher: value ≥ target; lower: value ≤ target)        → 3 Okay
//     within `tolerance` of it (higher: ≥ target × (1 − tolerance);
//                               lower:  ≤ target × (1 + tolerance))            → 2 Attention
//     otherwise                                                                → 1 Problem
//   Quarterly and yearly targets (totals), judged cumulatively:
//     actual to date = sum of the fiscal period's months so far (history + this month)
//     expected to date = target × months elapsed / months in the period
//     forecast = actual to date + monthly rate × (months left + months missing), where the monthly
//                rate is the average of the last (up to) three months measured with today's definition
//     actual meets expected                                                    → 3 Okay
//     actual within tolerance of expected, or the forecast meets the target   → 2 Attention
//     otherwise                                                                → 1 Problem
//   No value this month (unavailable or not collected) → 0 Unknown, with the source's reason.
//   No target (or a ramp that skips this month's quarter) → 0 Unknown, "no target set".

export type Direction = 'higher' | 'lower';
export type JudgedLevel = 1 | 2 | 3;

// Values and targets are decimals (0.9 × 170 is 152.99999999999997): compare with a hair of slack
// so "exactly at the tolerance edge" is Attention as documented.
const slack = (target: number) => 1e-9 * Math.max(1, Math.abs(target));

export function meets(value: number, target: number, direction: Direction): boolean {
  return direction === 'higher' ? value >= target - slack(target) : value <= target + slack(target);
}

export function withinTolerance(value: number, target: number, direction: Direction, tolerance: number): boolean {
  const edge = direction === 'higher' ? target * (1 - tolerance) : target * (1 + tolerance);
  return meets(value, edge, direction);
}

/** The level of a value against a target: 3 meets, 2 within tolerance, 1 otherwise. */
export function judge(value: number, target: number, direction: Direction, tolerance: number): JudgedLevel {
  if (meets(value, target, direction)) return 3;
  if (withinTolerance(value, target, direction, tolerance)) return 2;
  return 1;
}

/** The level of a cumulative total: 3 on track, 2 within tolerance or forecast meets the target, 1 otherwise. */
export function judgeTotal(
  t: { actual: number; expected: number; forecast: number; target: number },
  direction: Direction,
  tolerance: number,
): JudgedLevel {
  if (meets(t.actual, t.expected, direction)) return 3;
  if (withinTolerance(t.actual, t.expected, direction, tolerance) || meets(t.forecast, t.target, direction)) return 2;
  return 1;
}

/** Words for meeting and missing a target in `direction`. */
export function sideWords(direction: Direction): { meets: string; misses: string } {
  return direction === 'higher' ? { meets: 'above target', misses: 'below target' } : { meets: 'within target', misses: 'over target' };
}

