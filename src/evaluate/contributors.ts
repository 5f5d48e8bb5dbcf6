// First-time and top contributors of the month, from a metric's `contributors` detail.
import type { SnapshotMetric } from '../history/snapshot.ts';
import type { ContributorView } from './model.ts';

export const TOP_CONTRIBUTORS = 10;

type Detail = NonNullable<SnapshotMetric['contributors']>[number];

const byCount = (a: Detail, b: Detail) => b.count - a.count || a.username.localeCompare(b.username, 'en');
const view = (c: Detail): ContributorView => ({ username: c.username, name: c.name, count: c.count, web_url: c.webUrl });

export function contributorsOf(metric: SnapshotMetric | undefined): { first_time: ContributorView[]; top: ContributorView[] } {
  const all = [...(metric?.contributors ?? [])].sort(byCount);
  return { first_time: all.filter((c) => c.firstTime === true).map(view), top: all.slice(0, TOP_CONTRIBUTORS).map(view) };
}
