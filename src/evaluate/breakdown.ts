// A metric's breakdown for renderers: this month's rows (releases, cohorts, statistics, items) and,
// for per-release metrics, the releases recorded over the series window, read from history.
import type { Snapshot, SnapshotMetric } from '../history/snapshot.ts';
import type { BreakdownView, ReleasePoint } from './model.ts';

export function breakdownOf(metric: SnapshotMetric | undefined): BreakdownView | null {
  const b = metric?.breakdown;
  if (!b) return null;
  return {
    kind: b.kind,
    rows: b.items.map((i) => ({ key: i.key, label: i.label, value: i.value, date: i.date ?? null, url: i.url ?? null, partial: i.partial === true, count: i.count ?? null, ...(i.confidential === true ? { confidential: true } : {}) })),
  };
}

/**
 * Every release recorded by this metric in the given months (oldest first), a release seen twice
 * (two months both listing it) kept from the later month. Only months measured with the current
 * definition are read.
 */
export function releasesOf(metricId: string, periods: readonly string[], current: SnapshotMetric | undefined, history: ReadonlyMap<string, Snapshot>, currentPeriod: string): ReleasePoint[] {
  const byRelease = new Map<string, ReleasePoint>();
  for (const period of periods) {
    const m = period === currentPeriod ? current : history.get(period)?.metrics[metricId];
    if (!m || m.breakdown?.kind !== 'releases') continue;
    if (current && m.definition_hash !== current.definition_hash) continue;
    for (const item of m.breakdown.items) byRelease.set(item.key, { release: item.key, due_date: item.date ?? null, value: item.value, period });
  }
  return [...byRelease.values()].sort((a, b) => ((a.due_date ?? a.period) < (b.due_date ?? b.period) ? -1 : 1));
}
