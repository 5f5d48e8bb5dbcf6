// Quarterly and yearly totals follow each kind's aggregation (its descriptor): sum adds the months,
// distinct reads one value collected for the whole period so far, level takes the period's latest
// month. The distinct case runs end to end: the fake GitLab, the real collector and collection
// step, buildSnapshot, evaluate.
import { describe, expect, it } from 'vitest';
import { collectMetrics } from '../../src/collect/collect.ts';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { Goals } from '../../src/goals/goals.ts';
import { targetSchema } from '../../src/goals/target.ts';
import { buildSnapshot } from '../../src/history/build.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { memoryLogger } from '../../src/log.ts';
import { periodOf } from '../../src/periods/periods.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { BASE, DataBuilder, harness, NOW, TOKEN } from '../sources/gitlab/harness.ts';
import { fileText, renderReport } from '../render/helpers.ts';
import { GENERATED_AT, goalsWith, historyOf, month, snap } from './fixtures.ts';

const MONTHS = ['2026-08', '2026-09', '2026-10']; // FY27-Q3 with fiscal_year_start 2

function contributorGoals(kind: string, target: Record<string, number>): Goals {
  return {
    version: 1,
    report: { title: 'DevRel PIs', org: 'Developer Relations', base_path: '/handbook/devrel/', fiscal_year_start: 2, timezone: 'UTC' },
    sources: { gitlab: { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' } },
    metrics: [
      {
        id: 'contributors',
        name: 'Contributors',
        definition: 'Distinct authors of merged community MRs.',
        source: 'gitlab',
        query: { kind, group: 'gitlab-org', labels: ['Community contribution'], exclude_users: [] },
        target: targetSchema.parse(target),
        is_key: true,
        public: true,
        urls: [],
      },
    ],
    publish: {},
  };
}

/** Collects the three months as a backfill would, and builds each month's snapshot. */
async function collectQuarter(goals: Goals): Promise<{ snapshots: Map<string, Snapshot>; windows: Array<Record<string, unknown> | undefined> }> {
  const data = new DataBuilder();
  // alice contributes in every month of the quarter; bob only in October.
  data.mr('gitlab-org/gitlab', 'alice', '2026-08-10T10:00:00Z');
  data.mr('gitlab-org/gitlab', 'alice', '2026-09-10T10:00:00Z');
  data.mr('gitlab-org/gitlab', 'alice', '2026-10-10T10:00:00Z');
  data.mr('gitlab-org/gitlab', 'bob', '2026-10-11T10:00:00Z');
  data.mr('gitlab-org/gitlab', 'carol', '2026-07-20T10:00:00Z'); // the quarter before: not in FY27-Q3
  const { windowRequests } = harness(data.build()); // installs the fake's handlers
  const masker = new SecretMasker();
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, now: () => NOW.getTime(), random: () => 0.5 });
  const requests = MONTHS.map((label) => ({ period: periodOf(month(label), 'UTC') }));
  const collected = await collectMetrics(goals, requests, { http, env: { PULSE_GITLAB_TOKEN: TOKEN }, masker, log, now: () => NOW });
  const snapshots = new Map<string, Snapshot>();
  for (const label of MONTHS) {
    const outcomes = collected.get(label) ?? new Map();
    snapshots.set(label, buildSnapshot({ goals, period: month(label), outcomes, generatedAt: GENERATED_AT, generator: 'test' }));
  }
  return { snapshots, windows: windowRequests().map((r) => r.variables) };
}

describe('distinct over the period', () => {
  it('counts a person active in each of the three months once in the quarter (one range query)', async () => {
    const goals = contributorGoals('merged_mr_authors', { quarterly: 3 });
    const { snapshots, windows } = await collectQuarter(goals);
    expect(MONTHS.map((m) => snapshots.get(m)?.metrics.contributors?.value)).toEqual([1, 1, 2]);
    // The quarter so far is one merged-MR query over its whole range.
    expect(windows).toContainEqual(expect.objectContaining({ after: '2026-08-01T00:00:00.000Z', before: '2026-10-31T23:59:59.999999Z' }));
    expect(snapshots.get('2026-10')?.metrics.contributors?.period_total).toEqual({ period: 'FY27-Q3', from: '2026-08', to: '2026-10', value: 2 });
    expect(snapshots.get('2026-09')?.metrics.contributors?.period_total).toEqual({ period: 'FY27-Q3', from: '2026-08', to: '2026-09', value: 1 });

    const october = snapshots.get('2026-10');
    if (!october) throw new Error('no October snapshot');
    const history = new Map([...snapshots].filter(([label]) => label !== '2026-10'));
    const m = evaluate({ goals, period: month('2026-10'), snapshot: october, history }).report.metrics[0];
    // Adding the months would say 4 (alice three times, bob once).
    expect(m?.forecast).toMatchObject({ period: 'FY27-Q3', actual_to_date: 2, months_elapsed: 3, aggregation: 'distinct', forecast: 2 });
    expect(m?.health.reasons[0]).toBe('FY27-Q3 distinct total 2 of 3 — 1 short');
  });

  it('does not add the months when no period total was collected: Unknown, and says how to get one', () => {
    const goals = goalsWith([{ id: 'm', target: { quarterly: 3 } }]); // merged_mr_authors
    const m = evaluate({ goals, period: month('2026-10'), snapshot: snap(goals, '2026-10', { m: 2 }), history: historyOf(goals, 'm', { '2026-08': 1, '2026-09': 1 }) }).report.metrics[0];
    expect(m?.forecast).toBeNull();
    expect(m?.health.level).toBe(0);
    expect(m?.health.reasons[0]).toContain('no FY27-Q3 total collected for 2026-10');
    expect(m?.health.reasons[0]).toContain('a run or backfill of 2026-10 collects it');
  });

  it('asks for no period total when the target is monthly', async () => {
    const goals = contributorGoals('merged_mr_authors', { monthly: 3 });
    const { snapshots } = await collectQuarter(goals);
    expect(snapshots.get('2026-10')?.metrics.contributors?.period_total).toBeUndefined();
  });
});

describe('level at the period end', () => {
  it('takes the latest month, not the sum (median age of open MRs)', () => {
    const goals = goalsWith([{ id: 'm', kind: 'open_mr_age', target: { quarterly: 25, direction: 'lower' } }]);
    const m = evaluate({ goals, period: month('2026-10'), snapshot: snap(goals, '2026-10', { m: 20 }), history: historyOf(goals, 'm', { '2026-08': 40, '2026-09': 30 }) }).report.metrics[0];
    expect(m?.forecast).toMatchObject({ actual_to_date: 20, expected_to_date: 25, forecast: 20, gap: -5, aggregation: 'level' });
    expect(m?.health.level).toBe(3);
    expect(m?.health.reasons[0]).toBe('FY27-Q3 level 20 against at most 25 — within target');
  });

  it("is judged against the target itself in the quarter's first month (a level is not pro-rated)", () => {
    const goals = goalsWith([{ id: 'm', kind: 'open_mr_age', target: { quarterly: 25, direction: 'lower' } }]);
    const m = evaluate({ goals, period: month('2026-08'), snapshot: snap(goals, '2026-08', { m: 30 }), history: new Map() }).report.metrics[0];
    expect(m?.forecast).toMatchObject({ actual_to_date: 30, expected_to_date: 25, months_elapsed: 1 });
    expect(m?.health.reasons[0]).toBe('FY27-Q3 level 30 against at most 25 — 5 over');
  });
});

describe('sum', () => {
  it('adds the months of a count', () => {
    const goals = goalsWith([{ id: 'm', kind: 'merged_mrs', target: { quarterly: 30 } }]);
    const m = evaluate({ goals, period: month('2026-10'), snapshot: snap(goals, '2026-10', { m: 12 }), history: historyOf(goals, 'm', { '2026-08': 10, '2026-09': 11 }) }).report.metrics[0];
    expect(m?.forecast).toMatchObject({ actual_to_date: 33, aggregation: 'sum' });
  });
});

describe('the page says how the total was made', () => {
  it('a level is stated as the value now against the target, without a monthly rate', async () => {
    const goals = goalsWith([{ id: 'm', kind: 'open_mr_age', unit: 'days', target: { quarterly: 25, direction: 'lower' } }]);
    const { report } = evaluate({ goals, period: month('2026-10'), snapshot: snap(goals, '2026-10', { m: 20 }), history: historyOf(goals, 'm', { '2026-08': 40, '2026-09': 30 }) });
    const page = fileText(await renderReport(report), 'page.md');
    expect(page).toContain('FY27-Q3: 20 days now, against 25 at the end of October 2026');
    expect(page).not.toContain('At the current rate');
  });

  it('a distinct total is said to count each person once', async () => {
    const goals = contributorGoals('merged_mr_authors', { quarterly: 3 });
    const { snapshots } = await collectQuarter(goals);
    const october = snapshots.get('2026-10');
    if (!october) throw new Error('no October snapshot');
    const { report } = evaluate({ goals, period: month('2026-10'), snapshot: october, history: new Map([...snapshots].filter(([l]) => l !== '2026-10')) });
    expect(fileText(await renderReport(report), 'page.md')).toContain('FY27-Q3: 2 distinct so far (counted once however many months) of 3');
  });
});
