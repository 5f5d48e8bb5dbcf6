// The report a goals change would give: the latest stored month (or a chosen one) judged again with
// the new goals against the stored history. Pure: the values are the stored ones, nothing is
// collected, so a merge-request pipeline needs no source credentials.
import { PulseError } from '../errors.ts';
import { evaluate, type EvaluateResult } from '../evaluate/index.ts';
import type { Goals } from '../goals/goals.ts';
import { parseMonth } from '../periods/periods.ts';
import type { Snapshot } from '../history/snapshot.ts';
import { type GoalsDiff, goalsDiff } from './diff.ts';

export interface PreviewInput {
  goals: Goals;
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

export function previewReport({ goals, history, period, historyLabel }: PreviewInput): Preview {
  const periods = [...history.keys()].sort();
  const label = period ?? periods.at(-1);
  const stored = label === undefined ? undefined : history.get(label);
  if (!stored || label === undefined) {
    throw new PulseError(
      'EARGS',
      label === undefined ? `no stored report to preview: ${historyLabel} holds no snapshot` : `no stored report for ${label} in ${historyLabel} (it has ${periods.join(', ') || 'none'})`,
      'the preview judges a month that was already collected: run the report once (or `community-pulse backfill`), point --history at a directory of snapshots, or pick a stored month with --period',
    );
  }
  const month = parseMonth(label);
  if (!month) throw new PulseError('EARGS', `--period ${label} is not YYYY-MM`, 'give the month as YYYY-MM, e.g. 2026-10');
  // Judge the month as if it were new: health is recomputed from the stored values and today's goals.
  const bare: Snapshot = { ...stored, metrics: Object.fromEntries(Object.entries(stored.metrics).map(([id, { health: _h, target: _t, ...m }]) => [id, m])) };
  const earlier = new Map([...history].filter(([p]) => p < label));
  const result = evaluate({ goals, period: month, snapshot: bare, history: earlier });
  return { stored, result, diff: goalsDiff(goals, stored, result.report) };
}
