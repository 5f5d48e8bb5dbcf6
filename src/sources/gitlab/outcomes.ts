// The shapes a GitLab metric's value takes: median/p75 statistics with their breakdown, and the
// contributor list (sorted the same way on every run).
import type { BreakdownItem, ContributorDetail, MetricOutcome } from '../types.ts';
import { quantile } from './paging.ts';
import type { AuthorTally } from './window.ts';

/** Median and p75 of a list as the value (by `statistic`) and a statistics breakdown. */
export function statistics(values: number[], statistic: 'median' | 'p75', unit: string, empty: string, extra: BreakdownItem[] = []): MetricOutcome {
  const sorted = [...values].sort((a, b) => a - b);
  const median = round2(quantile(sorted, 0.5));
  const p75 = round2(quantile(sorted, 0.75));
  if (median === null) return { value: null, status: 'unavailable', unit, reason: empty };
  return {
    value: statistic === 'p75' ? p75 : median,
    status: 'ok',
    unit,
    breakdown: {
      kind: 'statistics',
      items: [{ key: 'median', label: 'Median', value: median, count: sorted.length }, { key: 'p75', label: '75th percentile', value: p75, count: sorted.length }, ...extra],
    },
  };
}

export const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** Count descending, then username, so the list reads the same on every run. */
export function byCountThenUsername(a: ContributorDetail, b: ContributorDetail): number {
  if (a.count !== b.count) return b.count - a.count;
  const ua = a.username.toLowerCase();
  const ub = b.username.toLowerCase();
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

export function detail(tally: AuthorTally, firstTime?: boolean): ContributorDetail {
  return { username: tally.username, name: tally.name, count: tally.count, webUrl: tally.webUrl, ...(firstTime === undefined ? {} : { firstTime }) };
}
