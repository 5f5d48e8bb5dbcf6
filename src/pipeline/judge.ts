// judge and record: pure. judge evaluates every requested month with today's goals (the report may
// judge any month so); record keeps only the months this run collected, because a stored snapshot
// is the record of what was measured and judged at the time and is never rewritten.
import { evaluate } from '../evaluate/index.ts';
import { buildSnapshot } from '../history/build.ts';
import type { Snapshot } from '../history/snapshot.ts';
import { compareMonths, formatMonth } from '../periods/periods.ts';
import type { Collected, Judged, JudgedMonth, Recorded } from './state.ts';

export function judge(input: Collected, generatedAt: Date): Judged {
  const { goals, plan, collected, options } = input;
  const generator = `community-pulse ${options.version}`;
  // Earlier months as they are on record: stored snapshots, plus the ones this run collects.
  const history = new Map<string, Snapshot>(input.past);
  const judged: JudgedMonth[] = [];
  for (const month of [...input.months].sort(compareMonths)) {
    const label = formatMonth(month);
    const planned = plan.collect.find((p) => p.label === label);
    const snapshot = planned
      ? buildSnapshot({ goals, period: month, outcomes: collected.get(label) ?? new Map(), generatedAt, generator, previous: planned.previous })
      : input.past.get(label);
    if (!snapshot) continue;
    const result = evaluate({ goals, period: month, snapshot, history });
    if (planned) history.set(label, result.snapshot);
    judged.push({ period: month, collected: planned !== undefined, result });
  }
  const report = judged.find((j) => compareMonths(j.period, input.reportMonth) === 0);
  return { ...input, judged, report };
}

export function record(input: Judged): Recorded {
  return { ...input, records: input.judged.filter((j) => j.collected).map((j) => j.result.snapshot) };
}
