// judge and record: pure. judge evaluates every requested month with today's goals (the report may
// judge any month so); record keeps only the months this run collected, because a stored snapshot
// is the record of what was measured and judged at the time and is never rewritten.
import { evaluate } from '../evaluate/index.ts';
import { buildSnapshot } from '../history/build.ts';
import type { Snapshot } from '../history/snapshot.ts';
import { compareMonths, formatMonth, type MonthRef } from '../periods/periods.ts';
import type { MetricOutcome } from '../sources/types.ts';
import type { Collected, Judged, JudgedMonth, Planned, Run } from './state.ts';

/** A partly re-collected month: metrics this run did not collect keep their stored entry as it is. */
function keepRecorded(judged: Snapshot, previous: Snapshot | undefined, collectedIds: readonly string[]): Snapshot {
  if (!previous) return judged;
  const collectedNow = new Set(collectedIds);
  const metrics = Object.fromEntries(Object.entries(judged.metrics).map(([id, m]) => [id, collectedNow.has(id) ? m : (previous.metrics[id] ?? m)]));
  return { ...judged, metrics };
}

/** What judging one month needs: the run (goals, version) and the plan with the history it was made on. */
export interface JudgeInput {
  run: Run;
  planned: Planned;
}

/**
 * One month, judged on the months before it (`history`: stored snapshots plus the months this run
 * collected, in order); a collected month's record is added to `history`. The final judgement and
 * a backfill's checkpoints both go through here, so a checkpoint holds the record the end of the
 * run would have written.
 */
export function judgeMonth(input: JudgeInput, month: MonthRef, outcomes: ReadonlyMap<string, MetricOutcome> | undefined, history: Map<string, Snapshot>, generatedAt: Date): JudgedMonth | undefined {
  const { goals } = input.run;
  const { plan, past } = input.planned;
  const generator = `community-pulse ${input.run.options.version}`;
  const label = formatMonth(month);
  const planned = plan.collect.find((p) => p.label === label);
  const snapshot = planned ? buildSnapshot({ goals, period: month, outcomes: outcomes ?? new Map(), generatedAt, generator, previous: planned.previous }) : past.get(label);
  if (!snapshot) return undefined;
  const result = evaluate({ goals, period: month, snapshot, history });
  const record = planned ? keepRecorded(result.snapshot, planned.previous, planned.metricIds) : snapshot;
  if (planned) history.set(label, record);
  return { period: month, collected: planned !== undefined, result, record };
}

export function judge(run: Run, planned: Planned, { collected, generatedAt }: Collected): Judged {
  // Earlier months as they are on record: stored snapshots, plus the ones this run collects.
  const history = new Map<string, Snapshot>(planned.past);
  const judged: JudgedMonth[] = [];
  for (const month of [...run.months].sort(compareMonths)) {
    const one = judgeMonth({ run, planned }, month, collected.get(formatMonth(month)), history, generatedAt);
    if (one) judged.push(one);
  }
  const report = judged.find((j) => compareMonths(j.period, run.reportMonth) === 0);
  return { judged, report };
}

/** The snapshots to store: only the months this run collected. */
export function record({ judged }: Judged): Snapshot[] {
  return judged.filter((j) => j.collected).map((j) => j.record);
}

/**
 * The metrics a collected month kept from its record because the source could not answer again
 * (history/build.ts), one log line each: the run says which value it did not replace, and why.
 */
export function keptRecordedValues({ judged }: Judged, { collected }: Pick<Collected, 'collected'>): string[] {
  const lines: string[] = [];
  for (const month of judged) {
    if (!month.collected) continue;
    for (const [id, outcome] of collected.get(month.record.period) ?? []) {
      const kept = month.record.metrics[id];
      if (outcome.status !== 'unavailable' || !kept || kept.status === 'unavailable') continue;
      lines.push(`${month.record.period} ${id}: kept the recorded value ${String(kept.value)} (collected ${kept.collected_at.slice(0, 10)}): the source could not answer again (${outcome.reason ?? 'unavailable'})`);
    }
  }
  return lines;
}
