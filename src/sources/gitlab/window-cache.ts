// The merged-MR windows of one collector: one fetch per (groups, labels, month), shared by every
// metric that reads it, and a backfill's consecutive months fetched as one range walk that falls
// back to month-by-month fetches when the walk fails.
import type { Logger } from '../../log.ts';
import type { Period } from '../../periods/periods.ts';
import { consecutiveRuns, isFinal } from '../range.ts';
import { COUNT_LIMIT, PAGE_SIZE } from './api.ts';
import type { GitlabApi } from './connection.ts';
import type { GitlabQuery } from './config.ts';
import { fetchWindow, fetchWindows, RangeTooLarge, type WindowData, type WindowKey } from './window.ts';

export function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

export type MrQuery = Exclude<GitlabQuery, { kind: 'issues' }>;

export function groupsOf(query: MrQuery): string[] {
  return distinctSorted(query.groups ?? (query.group === undefined ? [] : [query.group]));
}

export function windowKey(query: MrQuery, period: Period): WindowKey {
  return { groups: groupsOf(query), labels: distinctSorted(query.labels), start: period.start, end: period.end };
}

/**
 * Months per range walk. The walk is dropped when its first page's `count` exceeds 100 a month;
 * GitLab's MR `count` is a limited count (1001 for anything above 1000), so the threshold must stay
 * below 1000 for the check to mean anything: 9 months × 100 = 900.
 */
export const MAX_RUN_MONTHS = Math.floor((COUNT_LIMIT - 1) / PAGE_SIZE);

export interface WindowCache {
  /** The window of `key`, fetched once (`label` names it in the debug log). */
  windowFor(key: WindowKey, label: string): Promise<WindowData>;
  /** A run of consecutive months in one fetch; each month falls back to its own fetch if that fails. */
  prefetchWindows(query: MrQuery, periods: readonly Period[]): void;
}

export function windowCache(api: GitlabApi, log: Logger, name: string): WindowCache {
  const windows = new Map<string, Promise<WindowData>>();
  const memoKeyOf = (key: WindowKey) => JSON.stringify([key.groups, key.labels, key.start.toISOString(), key.end.toISOString()]);

  const logWindow = (key: WindowKey, label: string, data: WindowData) => {
    let mrs = 0;
    for (const a of data.authors.values()) mrs += a.count;
    log.debug(`${name}: ${label} ${key.groups.join(', ')}: ${mrs} merged MRs by ${data.authors.size} people; left out ${data.botMrs} by bots, ${data.unattributedMrs} without author (${data.pages} pages)`);
  };

  const windowFor = (key: WindowKey, label: string): Promise<WindowData> => {
    const memoKey = memoKeyOf(key);
    let window = windows.get(memoKey);
    if (!window) {
      window = fetchWindow(api, key).then((data) => {
        logWindow(key, label, data);
        return data;
      });
      windows.set(memoKey, window);
    }
    return window;
  };

  /** A run of consecutive months in one fetch; each month falls back to its own fetch if that fails. */
  const prefetchWindows = (query: MrQuery, periods: readonly Period[]) => {
    const missing = periods.filter((p) => !windows.has(memoKeyOf(windowKey(query, p))));
    for (const run of consecutiveRuns(missing, MAX_RUN_MONTHS)) {
      if (run.length < 2) continue;
      const first = run[0];
      if (!first) continue;
      const key = windowKey(query, first);
      // One walk saves at most a page a month but reads its pages one after another; when the range
      // holds more than a page a month on average, side-by-side monthly windows are as cheap and faster.
      const all = fetchWindows(api, key, [...run.map((p) => p.start), run.at(-1)?.end ?? first.end], PAGE_SIZE * run.length);
      all.catch(() => undefined);
      run.forEach((period, i) => {
        const monthKey = windowKey(query, period);
        windows.set(
          memoKeyOf(monthKey),
          all.then(
            (data) => {
              const month = data[i];
              if (!month) throw new Error(`no window for ${period.label}`);
              logWindow(monthKey, period.label, month);
              return month;
            },
            (error: unknown) => {
              if (isFinal(error)) throw error;
              if (i === 0 && !(error instanceof RangeTooLarge)) log.info(`${name}: merged MRs of ${run.length} months at once failed (${error instanceof Error ? error.message : String(error)}); fetching month by month`);
              return fetchWindow(api, monthKey);
            },
          ),
        );
      });
    }
  };

  return { windowFor, prefetchWindows };
}
