// Issue 21.14: one target per indicator, monthly and period together ("at least 40 a month and 150
// this quarter"). Each side is judged and shown; the health is the worse of the two.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { Goals } from '../../src/goals/goals.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { piData } from '../../src/render/pi-data.ts';
import { previewReport } from '../../src/preview/preview.ts';
import { edit, problemsOf } from '../goals/helpers.ts';
import { goalsWith, month, snap } from './fixtures.ts';

// Fiscal year from February: FY27-Q3 is August to October 2026.
const goals = goalsWith([{ id: 'mrs', kind: 'merged_mrs', unit: 'merge requests', target: { monthly: 40, quarterly: 150 } }]);

function judged(values: Record<string, number>, g: Goals = goals) {
  const history = new Map<string, Snapshot>();
  let last: ReturnType<typeof evaluate> | undefined;
  for (const [label, value] of Object.entries(values)) {
    last = evaluate({ goals: g, period: month(label), snapshot: snap(g, label, { mrs: value }), history });
    history.set(label, last.snapshot);
  }
  if (!last) throw new Error('no months');
  return { metric: last.report.metrics[0], report: last.report, history };
}

describe('a monthly and a quarterly target on one metric', () => {
  it('says both in words and carries both in the target view', () => {
    const { metric } = judged({ '2026-08': 50, '2026-09': 50, '2026-10': 50 });
    expect(metric?.target).toMatchObject({ kind: 'monthly', words: 'At least 40 merge requests per month and at least 150 merge requests in FY27-Q3', month_target: 40, total_period: 'FY27-Q3', total_target: 150 });
    expect(metric?.forecast).toMatchObject({ period: 'FY27-Q3', actual_to_date: 150, target: 150 });
    expect(metric?.health.level).toBe(3);
    expect(metric?.health.reasons).toEqual(['50 vs target 40 (+25%); third month above target', expect.stringMatching(/^FY27-Q3 total 150 of 150/)]);
  });

  it('month on target, quarter behind: the health is the quarter’s Problem, with both reasons', () => {
    const { metric } = judged({ '2026-08': 30, '2026-09': 30, '2026-10': 45 });
    expect(metric?.health.level).toBe(1);
    expect(metric?.health.reasons[0]).toMatch(/^FY27-Q3 total 105 of 150/);
    expect(metric?.health.reasons[1]).toBe('45 vs target 40 (+13%)');
  });

  it('quarter on track, month behind: the health is the month’s Problem', () => {
    const { metric } = judged({ '2026-08': 80, '2026-09': 70, '2026-10': 30 });
    expect(metric?.health.level).toBe(1);
    expect(metric?.health.reasons[0]).toBe('30 vs target 40 (-25%); more than 10% below target');
    expect(metric?.health.reasons[1]).toMatch(/^FY27-Q3 total 180 of 150/);
  });

  it('a side that cannot be judged does not hide the other (a ramp that skips this quarter)', () => {
    const ramped = goalsWith([{ id: 'mrs', kind: 'merged_mrs', target: { ramp: { 'FY27-Q1': 40 }, quarterly: 150 } }]);
    const { metric } = judged({ '2026-08': 30, '2026-09': 30, '2026-10': 30 }, ramped);
    expect(metric?.health.level).toBe(1);
    expect(metric?.health.reasons).toEqual([expect.stringMatching(/^FY27-Q3 total 90 of 150/), 'no target set for FY27-Q3']);
  });

  it('the PI data and the goals preview show both', () => {
    const { report, history } = judged({ '2026-08': 50, '2026-09': 50, '2026-10': 50 });
    expect(piData(report)[0]?.target).toBe('At least 40 merge requests per month and at least 150 merge requests in FY27-Q3');
    const monthlyOnly = goalsWith([{ id: 'mrs', kind: 'merged_mrs', unit: 'merge requests', target: { monthly: 40 } }]);
    expect(previewReport({ goals, before: goals, history, historyLabel: 'h' }).diff.targets).toEqual([]);
    const { diff: added } = previewReport({ goals, history: judged({ '2026-08': 50, '2026-09': 50, '2026-10': 50 }, monthlyOnly).history, historyLabel: 'h' });
    expect(added.targets[0]).toMatchObject({ before: 'At least 40 merge requests per month', after: 'At least 40 merge requests per month and at least 150 merge requests in FY27-Q3', fields: [{ field: 'quarterly', before: undefined, after: '150' }] });
  });

  it('a lower-is-better pair reads "At most … and at most …"', () => {
    const lower = goalsWith([{ id: 'mrs', kind: 'merged_mrs', unit: 'days', target: { monthly: 30, yearly: 300, direction: 'lower' } }]);
    expect(judged({ '2026-10': 20 }, lower).metric?.target.words).toBe('At most 30 days and at most 300 days in FY27');
  });
});

describe('the goals file accepts one monthly and one period target together', () => {
  const target = (t: string) => edit(['{ monthly: 170 }', t]);
  it('accepts monthly + quarterly and ramp + yearly', () => {
    expect(problemsOf(edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: merged_mrs, group: gitlab-org'], ['{ monthly: 170 }', '{ monthly: 40, quarterly: 150 }']))).toEqual([]);
    expect(problemsOf(edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: merged_mrs, group: gitlab-org'], ['{ monthly: 170 }', '{ ramp: { FY27-Q1: 40 }, yearly: 600 }']))).toEqual([]);
  });
  it('refuses two monthly sides or two period sides', () => {
    expect(problemsOf(target('{ monthly: 40, ramp: { FY27-Q1: 40 } }'))[0]).toContain('set only one of monthly, ramp');
    expect(problemsOf(target('{ quarterly: 150, yearly: 600 }'))[0]).toContain('set only one of quarterly, yearly');
  });
  it('still refuses the period side on a kind without a period total, at its position', () => {
    const problems = problemsOf(edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: time_to_merge, group: gitlab-org'], ['{ monthly: 170 }', '{ monthly: 5, quarterly: 5, direction: lower }']));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^goals\.yml:16:38: metrics\[0\]\.target\.quarterly a quarterly target needs a quarter's total, and time_to_merge has none/);
  });
});
