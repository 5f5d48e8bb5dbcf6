// Collection planning: history that holds a comparable value is never fetched again.
import { describe, expect, it } from 'vitest';
import { addMonths, monthRange } from '../../src/periods/periods.ts';
import { planCollection } from '../../src/history/plan.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { goalsWith, month, snap } from '../evaluate/fixtures.ts';

const goals = goalsWith([{ id: 'a', target: { monthly: 1 } }, { id: 'b' }]);
const twelve = monthRange(month('2025-11'), month('2026-10'));
const history = new Map<string, Snapshot>(
  twelve.map((m) => {
    const label = `${m.year}-${String(m.month).padStart(2, '0')}`;
    return [label, snap(goals, label, { a: 1, b: 2 })];
  }),
);

describe('planCollection', () => {
  it('a monthly run after 12 months of history collects only month 13', () => {
    const plan = planCollection({ requested: [month('2026-11')], history, goals });
    expect(plan.collect.map((p) => [p.label, p.metricIds])).toEqual([['2026-11', ['a', 'b']]]);
    expect(plan.collect[0]?.why).toEqual({ a: 'missing period', b: 'missing period' });
    expect(plan.collect[0]?.previous).toBeUndefined();
  });

  it('a backfill over the whole range collects only what history lacks', () => {
    const plan = planCollection({ requested: monthRange(month('2025-09'), month('2026-11')), history, goals });
    expect(plan.collect.map((p) => p.label)).toEqual(['2025-09', '2025-10', '2026-11']);
    expect(plan.upToDate).toHaveLength(12);
  });

  it('re-collects metrics that are missing, unavailable or measured with another definition, and only those', () => {
    const changed = goalsWith([{ id: 'a', target: { monthly: 1 }, group: 'gitlab-com' }, { id: 'b' }, { id: 'c' }]);
    const h = new Map(history);
    h.set('2026-10', snap(changed, '2026-10', { a: 1, b: 'unavailable', c: 3 }));
    const plan = planCollection({ requested: [month('2026-09'), month('2026-10')], history: h, goals: changed });
    expect(plan.collect.map((p) => [p.label, p.why])).toEqual([
      ['2026-09', { a: 'definition changed', c: 'missing metric' }],
      ['2026-10', { b: 'unavailable last time' }],
    ]);
    expect(plan.collect[1]?.previous).toBe(h.get('2026-10'));
  });

  it('a backfill (retryNoValue false) does not ask again for an answered "no value", but does after a failure', () => {
    const h = new Map(history);
    const stored = snap(goals, '2026-10', { a: 1, b: 'unavailable' });
    const answered: Snapshot = { ...stored, metrics: { ...stored.metrics, b: { ...stored.metrics.b!, no_value: true } } };
    h.set('2026-10', answered);
    expect(planCollection({ requested: [month('2026-10')], history: h, goals, retryNoValue: false }).upToDate).toEqual(['2026-10']);
    // The monthly run (the default) still asks again.
    expect(planCollection({ requested: [month('2026-10')], history: h, goals }).collect.map((p) => p.why)).toEqual([{ b: 'unavailable last time' }]);
    // A failure carries no mark: asked again by a backfill too.
    h.set('2026-10', stored);
    expect(planCollection({ requested: [month('2026-10')], history: h, goals, retryNoValue: false }).collect.map((p) => p.why)).toEqual([{ b: 'unavailable last time' }]);
  });

  it('ignores duplicates and sorts the request', () => {
    const later = addMonths(month('2026-10'), 2);
    const plan = planCollection({ requested: [later, month('2026-11'), later], history, goals });
    expect(plan.collect.map((p) => p.label)).toEqual(['2026-11', '2026-12']);
  });

  it('does not re-collect because a target, name or credential env var changed', () => {
    // (A quarterly or yearly target on a distinct kind, like these, does: it needs the period's total; see below.)
    const edited = goalsWith([
      { id: 'a', target: { monthly: 99 } },
      { id: 'b', target: { ramp: { 'FY27-Q1': 5 } } },
    ]);
    edited.sources.gitlab = { ...edited.sources.gitlab!, token_env: 'OTHER_TOKEN' };
    edited.metrics[0]!.name = 'Renamed';
    expect(planCollection({ requested: twelve, history, goals: edited }).collect).toEqual([]);
  });
});

describe('planCollection: distinct totals', () => {
  it('re-collects a month whose snapshot lacks the fiscal period total its distinct kind needs (collected before totals existed)', () => {
    const quarterly = goalsWith([
      { id: 'a', target: { quarterly: 10 } },
      { id: 'b', kind: 'merged_mrs', target: { quarterly: 10 } },
    ]); // a: merged_mr_authors (distinct)
    const h = new Map<string, Snapshot>([['2026-10', snap(quarterly, '2026-10', { a: 1, b: 2 })]]);
    const plan = planCollection({ requested: [month('2026-10')], history: h, goals: quarterly });
    expect(plan.collect.map((p) => [p.label, p.why])).toEqual([['2026-10', { a: 'missing period total' }]]);
    const withTotal = snap(quarterly, '2026-10', { a: { value: 1, status: 'ok', periodTotal: { period: 'FY27-Q3', from: '2026-08', to: '2026-10', value: 3 } }, b: 2 });
    expect(planCollection({ requested: [month('2026-10')], history: new Map([['2026-10', withTotal]]), goals: quarterly }).upToDate).toEqual(['2026-10']);
  });
});
