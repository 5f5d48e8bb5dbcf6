// Two years of history for the sample world: one judged snapshot per month before the demo's
// month, as earlier monthly runs would have committed them to the handbook. Values follow a
// gentle upward trend towards each metric's October value with a fixed wobble (no randomness, so
// every demo run and every test sees the same numbers), and are judged with evaluate() oldest
// first, exactly as the pipeline does.
import { evaluate } from '../evaluate/index.ts';
import type { Goals } from '../goals/goals.ts';
import { addMonths, formatMonth, type MonthRef } from '../periods/periods.ts';
import { buildSnapshot } from '../history/build.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { MetricOutcome } from '../sources/types.ts';

/** The value of `metricId` `monthsBack` months before the month whose value is `latest`. */
export function sampleValue(latest: number, monthsBack: number, index: number): number {
  const trend = 1 - monthsBack * 0.012;
  const wobble = 1 + 0.06 * Math.sin((monthsBack + 1) * (index + 2) * 1.7);
  const value = latest * trend * wobble;
  return latest < 100 ? Math.max(0, Math.round(value)) : Math.round(value / 10) * 10;
}

export interface SampleHistoryInput {
  goals: Goals;
  /** The demo's month: history ends the month before. */
  period: MonthRef;
  months: number;
  /** metric id → the value the world holds for `period`. */
  latest: Record<string, number>;
  /** When the earlier runs happened: the 2nd of the following month, 06:00 UTC. */
  generator: string;
}

export function sampleHistory(input: SampleHistoryInput): Snapshot[] {
  const { goals } = input;
  const history = new Map<string, Snapshot>();
  const out: Snapshot[] = [];
  for (let back = input.months; back >= 1; back--) {
    const month = addMonths(input.period, -back);
    const next = addMonths(month, 1);
    const generatedAt = new Date(Date.UTC(next.year, next.month - 1, 2, 6, 0, 0));
    const outcomes = new Map<string, MetricOutcome>();
    goals.metrics.forEach((metric, index) => {
      const latest = input.latest[metric.id];
      if (latest === undefined) return;
      const status = goals.sources[metric.source]?.type === 'manual' ? 'manual' : 'ok';
      outcomes.set(metric.id, { value: sampleValue(latest, back, index), status, ...(metric.unit ? { unit: metric.unit } : {}) });
    });
    const fresh = buildSnapshot({ goals, period: month, outcomes, generatedAt, generator: input.generator });
    const { snapshot } = evaluate({ goals, period: month, snapshot: fresh, history });
    history.set(formatMonth(month), snapshot);
    out.push(snapshot);
  }
  return out;
}
