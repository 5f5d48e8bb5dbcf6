// Which (period, metric) pairs need collecting (pure). History that already holds a comparable
// value is never fetched again: a monthly run collects only the new month, and a backfill only
// the months (and metrics) history lacks, measured differently, or could not measure last time.
import type { Goals } from '../goals/goals.ts';
import { compareMonths, formatMonth, type MonthRef } from '../periods/periods.ts';
import { totalPeriodOf } from '../collect/period-total.ts';
import { definitionHash } from './definition.ts';
import type { Snapshot } from './snapshot.ts';

export type CollectWhy = 'missing period' | 'missing metric' | 'definition changed' | 'unavailable last time' | 'missing period total';

export interface PlannedPeriod {
  period: MonthRef;
  /** "YYYY-MM" */
  label: string;
  /** Metric ids to collect, in the goals file's order (all of them for a missing period). */
  metricIds: string[];
  /** metric id → why it is collected. */
  why: Record<string, CollectWhy>;
  /** The period's snapshot in history, to pass as `previous` to buildSnapshot (keeps the rest). */
  previous: Snapshot | undefined;
}

export interface CollectionPlan {
  /** Periods with something to collect, oldest first. */
  collect: PlannedPeriod[];
  /** Requested periods history already holds completely. */
  upToDate: string[];
}

export interface PlanInput {
  requested: readonly MonthRef[];
  /** period label → snapshot, as HistoryStore.readAll() returns it. */
  history: ReadonlyMap<string, Snapshot>;
  goals: Goals;
  /**
   * Ask again for a metric whose source answered "no value" last time (default true). A backfill
   * sets false: a past month without merged MRs stays without them, and a resumed backfill must
   * not collect its finished months again. Failures (errors) are always asked again.
   */
  retryNoValue?: boolean;
}

export function planCollection({ requested, history, goals, retryNoValue = true }: PlanInput): CollectionPlan {
  const hashes = new Map(goals.metrics.map((m) => [m.id, definitionHash(goals, m)]));
  const seen = new Set<string>();
  const ordered = [...requested].sort(compareMonths).filter((p) => {
    const label = formatMonth(p);
    if (seen.has(label)) return false;
    seen.add(label);
    return true;
  });
  const plan: CollectionPlan = { collect: [], upToDate: [] };
  for (const period of ordered) {
    const label = formatMonth(period);
    const previous = history.get(label);
    const why: Record<string, CollectWhy> = {};
    const neededTotal = (metric: Goals['metrics'][number]) => totalPeriodOf(goals, metric, period)?.label;
    for (const metric of goals.metrics) {
      const stored = previous?.metrics[metric.id];
      if (!previous) why[metric.id] = 'missing period';
      else if (!stored) why[metric.id] = 'missing metric';
      else if (stored.definition_hash !== hashes.get(metric.id)) why[metric.id] = 'definition changed';
      else if (stored.status === 'unavailable' && (retryNoValue || stored.no_value !== true)) why[metric.id] = 'unavailable last time';
      // A distinct kind with a quarterly or yearly target stores its fiscal period's total beside the month.
      else if (neededTotal(metric) !== undefined && stored.period_total?.period !== neededTotal(metric)) why[metric.id] = 'missing period total';
    }
    const metricIds = goals.metrics.map((m) => m.id).filter((id) => why[id] !== undefined);
    if (metricIds.length === 0) plan.upToDate.push(label);
    else plan.collect.push({ period, label, metricIds, why, previous });
  }
  return plan;
}
