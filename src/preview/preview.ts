// The report a goals change would give: the latest stored month (or a chosen one) judged again with
// the new goals against the stored history. Pure: the values are the stored ones, nothing is
// collected, so a merge-request pipeline needs no source credentials. Hand-typed values (the
// manual source) are the exception: they live in the goals file, so the preview judges the ones
// this file types in, and lists them for review.
import { periodNotMonth } from '../errors/args.ts';
import { previewMonthNotStored } from '../errors/preview.ts';
import { evaluate, type EvaluateResult } from '../evaluate/index.ts';
import type { Goals } from '../goals/goals.ts';
import { parseMonth } from '../periods/periods.ts';
import type { Snapshot, SnapshotMetric } from '../history/snapshot.ts';
import { type GoalsDiff, goalsDiff, typedValue } from './diff.ts';

export interface PreviewInput {
  goals: Goals;
  /** The goals file before this change (the target branch's), when known: 'before' is judged with it. */
  before?: Goals | undefined;
  /** Stored snapshots keyed "YYYY-MM". */
  history: ReadonlyMap<string, Snapshot>;
  /** The month to preview; default the latest one in history. */
  period?: string | undefined;
  /** Where history came from, for the error when it is empty. */
  historyLabel: string;
}

export interface Preview {
  stored: Snapshot;
  result: EvaluateResult;
  diff: GoalsDiff;
}

/** The stored month without its judgement; with `goals`' hand-typed values when given. */
function bareMonth(stored: Snapshot, goals: Goals | undefined): Snapshot {
  const metrics: Record<string, SnapshotMetric> = {};
  for (const [id, { health: _h, target: _t, ...m }] of Object.entries(stored.metrics)) {
    const metric = goals?.metrics.find((g) => g.id === id);
    if (!goals || !metric || goals.sources[metric.source]?.type !== 'manual') {
      metrics[id] = m;
      continue;
    }
    const typed = typedValue(goals, metric, stored.period);
    const { reason: _r, note: _n, ...rest } = m;
    metrics[id] = typed === null ? { ...rest, value: null, status: 'unavailable', reason: `no manual value for ${stored.period} in the goals file` } : { ...rest, value: typed, status: 'manual', note: 'entered by hand in the goals file' };
  }
  return { ...stored, metrics };
}

export function previewReport({ goals, before, history, period, historyLabel }: PreviewInput): Preview {
  const periods = [...history.keys()].sort();
  const label = period ?? periods.at(-1);
  const stored = label === undefined ? undefined : history.get(label);
  if (!stored || label === undefined) {
    throw previewMonthNotStored({ label, where: historyLabel, stored: periods });
  }
  const month = parseMonth(label);
  if (!month) throw periodNotMonth(label);
  // Judge the month as if it were new: health is recomputed from the stored values and today's goals.
  const earlier = new Map([...history].filter(([p]) => p < label));
  const result = evaluate({ goals, period: month, snapshot: bareMonth(stored, goals), history: earlier });
  // The old goals judge the same stored values against the same history: only the goals differ.
  const old = before ? { goals: before, report: evaluate({ goals: before, period: month, snapshot: bareMonth(stored, undefined), history: earlier }).report } : undefined;
  return { stored, result, diff: goalsDiff({ goals, stored, report: result.report, before: old }) };
}
