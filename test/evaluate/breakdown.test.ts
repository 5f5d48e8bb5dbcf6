// What renderers get for breakdowns: this month's rows, and the per-release series across history.
import { describe, expect, it } from 'vitest';
import { breakdownOf, releasesOf } from '../../src/evaluate/breakdown.ts';
import type { Snapshot, SnapshotMetric } from '../../src/history/snapshot.ts';

const metric = (period: string, items: Array<{ key: string; value: number; date: string }>, hash = 'h1'): SnapshotMetric => ({
  name: 'Wider community MRs per release',
  value: items.reduce((s, i) => s + i.value, 0),
  status: 'ok',
  source: { name: 'gitlab', type: 'gitlab' },
  query: { kind: 'merged_mrs_per_milestone', group: 'gitlab-org' },
  definition_hash: hash,
  collected_at: `${period}-28T00:00:00Z`,
  breakdown: { kind: 'releases', items: items.map((i) => ({ ...i, label: i.key })) },
});

const snapshot = (period: string, m: SnapshotMetric): Snapshot => ({ schema_version: 1, period, timezone: 'UTC', generated_at: '', generator: 'test', metrics: { releases: m } });

describe('breakdowns in the report model', () => {
  it('lists the releases recorded in the series window, oldest first, skipping another definition', () => {
    const history = new Map([
      ['2026-07', snapshot('2026-07', metric('2026-07', [{ key: '17.2', value: 40, date: '2026-07-16' }], 'old'))],
      ['2026-08', snapshot('2026-08', metric('2026-08', [{ key: '17.3', value: 52, date: '2026-08-20' }]))],
      ['2026-09', snapshot('2026-09', metric('2026-09', [{ key: '17.4', value: 47, date: '2026-09-17' }]))],
    ]);
    const current = metric('2026-10', [{ key: '17.5', value: 61, date: '2026-10-15' }]);
    expect(releasesOf('releases', ['2026-07', '2026-08', '2026-09', '2026-10'], current, history, '2026-10')).toEqual([
      { release: '17.3', due_date: '2026-08-20', value: 52, period: '2026-08' },
      { release: '17.4', due_date: '2026-09-17', value: 47, period: '2026-09' },
      { release: '17.5', due_date: '2026-10-15', value: 61, period: '2026-10' },
    ]);
    expect(breakdownOf(current)).toEqual({ kind: 'releases', rows: [{ key: '17.5', label: '17.5', value: 61, date: '2026-10-15', url: null, partial: false, count: null }] });
    expect(breakdownOf(undefined)).toBeNull();
  });
});
