// Late data: some APIs keep changing a month's numbers for days after it ends (GA4 processes for
// 24-48 hours and accepts events up to 72 hours late; YouTube Analytics answers only up to its last
// complete day). History is a record that is never rewritten, so a number collected before the
// source has settled would be wrong for good. Until then the source's metrics are unavailable, with
// the date to wait for; the next run collects them (history re-collects unavailable values).
import type { Goals } from '../goals/goals.ts';
import type { Period } from '../periods/periods.ts';
import { sourceFor } from '../sources/index.ts';

const HOUR_MS = 3_600_000;

/** The source's settle time: the goals file's limits.settle_hours, else its type's default. */
export function settleHoursOf(goals: Goals, sourceName: string): number {
  const override = goals.limits?.settle_hours;
  if (override && Object.hasOwn(override, sourceName)) return override[sourceName] ?? 0;
  const type = goals.sources[sourceName]?.type;
  return (type && sourceFor(type)?.settleHours) || 0;
}

/** When the source's numbers for `period` are final. */
export function settledAt(goals: Goals, sourceName: string, period: Period): Date {
  return new Date(period.end.getTime() + settleHoursOf(goals, sourceName) * HOUR_MS);
}

/** "2026-11-04 00:00 UTC" */
function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Why the source cannot be collected for `period` at `now`, or undefined when it has settled. */
export function unsettledReason(goals: Goals, sourceName: string, period: Period, now: Date): string | undefined {
  const at = settledAt(goals, sourceName, period);
  if (now.getTime() >= at.getTime()) return undefined;
  const hours = settleHoursOf(goals, sourceName);
  return `data not settled until ${utcMinute(at)} (source ${sourceName} gives a month's final numbers ${hours} hours after it ends); the next run after that collects it`;
}
