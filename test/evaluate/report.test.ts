// The report model beyond health: deltas, the 13-month series with definition breaks, no history,
// contributors, the summary (KPIs first), and that evaluate() is pure.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { goalsWith, historyOf, month, snap } from './fixtures.ts';

const goals = goalsWith([{ id: 'm', target: { monthly: 170 } }]);
const oldGoals = goalsWith([{ id: 'm', target: { monthly: 170 }, group: 'gitlab-com' }]); // another definition

function run(history: Map<string, Snapshot>, value = 182, g = goals) {
  return evaluate({ goals: g, period: month('2026-10'), snapshot: snap(g, '2026-10', { m: value }), history }).report.metrics[0];
}

describe('deltas', () => {
  it('compares with the previous month, the same month last year, and the 3-month trend', () => {
    const m = run(historyOf(goals, 'm', { '2025-10': 140, '2026-05': 150, '2026-06': 150, '2026-07': 150, '2026-08': 160, '2026-09': 164 }));
    expect(m?.deltas.previous_month).toEqual({ base_period: '2026-09', base_value: 164, change: 18, percent: (18 / 164) * 100 });
    expect(m?.deltas.same_month_last_year).toEqual({ base_period: '2025-10', base_value: 140, change: 42, percent: 30 });
    expect(m?.deltas.trend_3m).toEqual({ recent_average: 506 / 3, prior_average: 150, change: 506 / 3 - 150, percent: ((506 / 3 - 150) / 150) * 100, direction: 'up' });
  });

  it('has no trend when one of the six months is missing, and no percent against 0', () => {
    const m = run(historyOf(goals, 'm', { '2026-05': 150, '2026-07': 150, '2026-08': 160, '2026-09': 0 }));
    expect(m?.deltas.trend_3m).toBeNull();
    expect(m?.deltas.previous_month).toEqual({ base_period: '2026-09', base_value: 0, change: 182, percent: null });
    expect(m?.deltas.same_month_last_year).toBeNull();
  });

  it('calls a trend flat when the averages differ by less than 1%', () => {
    const m = run(historyOf(goals, 'm', { '2026-05': 180, '2026-06': 180, '2026-07': 180, '2026-08': 181, '2026-09': 180 }), 180);
    expect(m?.deltas.trend_3m?.direction).toBe('flat');
  });
});

describe('changed definitions', () => {
  const history = new Map([...historyOf(oldGoals, 'm', { '2025-10': 90, '2026-06': 100, '2026-07': 100, '2026-08': 110 }), ...historyOf(goals, 'm', { '2026-09': 175 })]);

  it('computes no delta across the break, marks it in the series and says so', () => {
    const m = run(history);
    expect(m?.deltas.previous_month?.base_period).toBe('2026-09');
    expect(m?.deltas.same_month_last_year).toBeNull();
    expect(m?.deltas.trend_3m).toBeNull();
    expect(m?.definition_changed_in).toBe('2026-09');
    expect(m?.series.filter((p) => p.break).map((p) => p.period)).toEqual(['2026-09']);
    expect(m?.series.find((p) => p.period === '2026-08')).toMatchObject({ value: 110, comparable: false, break: false });
    // The streak does not reach across the break either.
    expect(m?.health.reasons).toEqual(['182 vs target 170 (+7%); second month above target', 'definition changed in 2026-09']);
  });

  it('says so when the definition changed this month', () => {
    const m = run(historyOf(oldGoals, 'm', { '2026-09': 175 }));
    expect(m?.deltas.previous_month).toBeNull();
    expect(m?.definition_changed_in).toBe('2026-10');
    expect(m?.health.reasons).toEqual(['182 vs target 170 (+7%)', 'definition changed in 2026-10']);
  });

  it('keeps counting older-definition months in a yearly total', () => {
    const yearly = goalsWith([{ id: 'm', kind: 'merged_mrs', target: { yearly: 600 } }]);
    const old = goalsWith([{ id: 'm', kind: 'merged_mrs', target: { yearly: 600 }, group: 'gitlab-com' }]);
    const report = evaluate({ goals: yearly, period: month('2026-03'), snapshot: snap(yearly, '2026-03', { m: 60 }), history: historyOf(old, 'm', { '2026-02': 40 }) }).report;
    expect(report.metrics[0]?.forecast?.actual_to_date).toBe(100);
    expect(report.metrics[0]?.health.reasons.at(-1)).toBe('definition changed in 2026-03');
  });
});

describe('no history at all', () => {
  it('judges the month alone: empty deltas, a series of missing months ending in this one', () => {
    const m = run(new Map());
    expect(m?.deltas).toEqual({ previous_month: null, same_month_last_year: null, trend_3m: null });
    expect(m?.series).toHaveLength(13);
    expect(m?.series[0]).toEqual({ period: '2025-10', value: null, status: 'missing', comparable: false, break: false, target: 170 });
    expect(m?.series[12]).toEqual({ period: '2026-10', value: 182, status: 'ok', comparable: true, break: false, target: 170 });
    expect(m?.health).toEqual({ level: 3, label: 'Okay', reasons: ['182 vs target 170 (+7%)'] });
    expect(m?.definition_changed_in).toBeNull();
  });
});

describe('forecast model', () => {
  it('records the numbers behind a yearly judgement', () => {
    const g = goalsWith([{ id: 'm', kind: 'merged_mrs', target: { yearly: 2000 } }]);
    const report = evaluate({
      goals: g,
      period: month('2026-04'),
      snapshot: snap(g, '2026-04', { m: 160 }),
      history: historyOf(g, 'm', { '2026-02': 150 }),
    }).report;
    expect(report.metrics[0]?.forecast).toEqual({
      period: 'FY27',
      last_month: '2027-01',
      months_elapsed: 3,
      months_total: 12,
      actual_to_date: 310,
      expected_to_date: 500,
      monthly_rate: 155,
      forecast: 310 + 155 * 10,
      target: 2000,
      gap: 310 + 155 * 10 - 2000,
      missing_months: ['2026-03'],
      unavailable_months: [],
      aggregation: 'sum',
    });
    expect(report.metrics[0]?.target).toMatchObject({ kind: 'yearly', words: '2,000 in FY27', month_target: null, total_period: 'FY27', total_target: 2000 });
  });
});

describe('report', () => {
  const g = goalsWith([{ id: 'reach', target: { monthly: 1000 } }, { id: 'contributors', target: { monthly: 170 }, is_key: true, unit: 'contributors' }, { id: 'ocma', target: { monthly: 24, direction: 'lower' }, is_key: true }, { id: 'plain' }]);
  const snapshot = snap(g, '2027-01', {
    reach: 500,
    contributors: {
      value: 3,
      status: 'ok',
      contributors: [
        { username: 'bo', name: 'Bo', count: 1, webUrl: 'https://gitlab.com/bo', firstTime: true },
        { username: 'al', name: 'Al', count: 4, webUrl: 'https://gitlab.com/al' },
        { username: 'cy', name: 'Cy', count: 1, webUrl: 'https://gitlab.com/cy', firstTime: true },
      ],
    },
    ocma: 'unavailable',
    plain: { value: 12, status: 'manual', note: 'entered by hand in the goals file' },
  });
  const frozen = structuredClone(snapshot);
  const history = historyOf(g, 'reach', { '2026-12': 900 });
  const result = evaluate({ goals: g, period: month('2027-01'), snapshot, history });

  it('puts KPIs first and counts health levels', () => {
    expect(result.report.metrics.map((m) => m.id)).toEqual(['contributors', 'ocma', 'reach', 'plain']);
    expect(result.report.summary.counts).toEqual({ okay: 0, attention: 0, problem: 2, unknown: 2 });
    expect(result.report.summary.kpi_counts).toEqual({ okay: 0, attention: 0, problem: 1, unknown: 1 });
    expect(result.report.summary.rows[1]).toEqual({
      id: 'ocma',
      name: 'Metric ocma',
      is_key: true,
      level: 0,
      label: 'Unknown',
      reason: 'no data: gitlab.com answered 503 (gave up after 5 attempts)',
    });
  });

  it('names the fiscal quarter and year of the period (January closes FY27)', () => {
    expect(result.report.period).toEqual({ label: '2027-01', name: 'January 2027', fiscal_quarter: 'FY27-Q4', fiscal_year: 'FY27' });
  });

  it('lists first-time and top contributors', () => {
    const c = result.report.metrics[0];
    expect(c?.first_time_contributors.map((p) => p.username)).toEqual(['bo', 'cy']);
    expect(c?.top_contributors.map((p) => [p.username, p.count])).toEqual([
      ['al', 4],
      ['bo', 1],
      ['cy', 1],
    ]);
    expect(c?.top_contributors[0]).toEqual({ username: 'al', name: 'Al', count: 4, web_url: 'https://gitlab.com/al' });
  });

  it('carries value, status, note, unit and words', () => {
    const byId = new Map(result.report.metrics.map((m) => [m.id, m]));
    expect(byId.get('plain')).toMatchObject({ value: 12, status: 'manual', note: 'entered by hand in the goals file', target: { kind: 'none', words: 'No target set' } });
    expect(byId.get('ocma')).toMatchObject({ value: null, status: 'unavailable', target: { words: 'At most 24' } });
    expect(byId.get('contributors')).toMatchObject({ unit: 'contributors', target: { words: 'At least 170 contributors per month', month_target: 170 } });
    expect(byId.get('reach')?.health.reasons).toEqual(['500 vs target 1,000 (-50%); more than 10% below target; second month below target']);
  });

  it('writes health into the snapshot and leaves its input untouched', () => {
    expect(snapshot).toEqual(frozen);
    expect(result.snapshot.metrics.reach?.health).toEqual({ level: 1, reasons: ['500 vs target 1,000 (-50%); more than 10% below target; second month below target'] });
    expect(result.snapshot.metrics.plain?.health).toEqual({ level: 0, reasons: ['no target set'] });
    expect(result.snapshot.metrics.plain?.target).toBeUndefined();
    expect(result.snapshot.period).toBe('2027-01');
  });

  it('ignores a stale copy of this period in history', () => {
    const stale = new Map([...history, ['2027-01', snap(g, '2027-01', { reach: 5000 })]]);
    const again = evaluate({ goals: g, period: month('2027-01'), snapshot, history: stale });
    expect(again.report).toEqual(result.report);
  });

  it('marks a metric of the goals file that the snapshot lacks as not collected', () => {
    const partial = snap(g, '2027-01', { reach: 500 });
    const m = evaluate({ goals: g, period: month('2027-01'), snapshot: partial, history: new Map() }).report.metrics.find((x) => x.id === 'plain');
    expect(m).toMatchObject({ value: null, status: 'missing', health: { level: 0, label: 'Unknown', reasons: ['not collected in this run'] } });
  });
});
