// The GitLab collector: one per configured source per run. Metrics over the same groups, labels and
// period share ONE fetch of that window (authors, MR count and first-timers all come from it), and
// a backfill's periods are fetched concurrently, paced by the host budget.
import type { Period } from '../../periods/periods.ts';
import type { HostBudget } from '../../http/types.ts';
import type { Collector, ContributorDetail, MetricOutcome, MetricQuery, SourceContext } from '../types.ts';
import { normaliseUsername } from './bots.ts';
import { FirstTimeResolver } from './first-time.ts';
import { GITLAB_BUDGET, gitlabApi } from './connection.ts';
import type { GitlabConfig, GitlabQuery } from './config.ts';
import { fetchWindow, type AuthorTally, type WindowData, type WindowKey } from './window.ts';

export interface GitlabCollectorOptions {
  /** Host budget; default gitlab.com's documented limit with concurrency 8. */
  budget?: HostBudget;
  /** (author, group) pairs per first-time history request. */
  historyBatch?: number;
}

function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function windowKey(query: GitlabQuery, period: Period): WindowKey {
  const groups = query.groups ?? (query.group === undefined ? [] : [query.group]);
  return { groups: distinctSorted(groups), labels: distinctSorted(query.labels), start: period.start, end: period.end };
}

/** Count descending, then username, so the list reads the same on every run. */
function byCountThenUsername(a: ContributorDetail, b: ContributorDetail): number {
  if (a.count !== b.count) return b.count - a.count;
  const ua = a.username.toLowerCase();
  const ub = b.username.toLowerCase();
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function detail(tally: AuthorTally, firstTime?: boolean): ContributorDetail {
  return { username: tally.username, name: tally.name, count: tally.count, webUrl: tally.webUrl, ...(firstTime === undefined ? {} : { firstTime }) };
}

export function createGitlabCollector(ctx: SourceContext, name: string, config: GitlabConfig, options: GitlabCollectorOptions = {}): Collector<GitlabQuery> {
  const api = gitlabApi(ctx, config, options.budget ?? GITLAB_BUDGET);
  const firstTime = new FirstTimeResolver(api, options.historyBatch);
  const windows = new Map<string, Promise<WindowData>>();

  const windowFor = (key: WindowKey, label: string): Promise<WindowData> => {
    const memoKey = JSON.stringify([key.groups, key.labels, key.start.toISOString(), key.end.toISOString()]);
    let window = windows.get(memoKey);
    if (!window) {
      window = fetchWindow(api, key).then((data) => {
        let mrs = 0;
        for (const a of data.authors.values()) mrs += a.count;
        ctx.log.debug(
          `${name}: ${label} ${key.groups.join(', ')}: ${mrs} merged MRs by ${data.authors.size} people; left out ${data.botMrs} by bots, ${data.unattributedMrs} without author (${data.pages} pages)`,
        );
        return data;
      });
      windows.set(memoKey, window);
    }
    return window;
  };

  return {
    async collect(metric: MetricQuery<GitlabQuery>, period: Period): Promise<MetricOutcome> {
      const { query } = metric;
      const key = windowKey(query, period);
      const data = await windowFor(key, period.label);
      const excluded = new Set(query.exclude_users.map(normaliseUsername));
      const people = [...data.authors.entries()].filter(([id]) => !excluded.has(id)).map(([, tally]) => tally);

      switch (query.kind) {
        case 'merged_mrs':
          return { value: people.reduce((sum, p) => sum + p.count, 0), status: 'ok' };
        case 'merged_mr_authors':
          return { value: people.length, status: 'ok', contributors: people.map((p) => detail(p)).sort(byCountThenUsername) };
        case 'first_time_contributors': {
          const returning = await firstTime.returning({ groups: key.groups, labels: key.labels, before: key.start }, people.map((p) => p.username));
          const firsts = people.filter((p) => !returning.has(p.username));
          return { value: firsts.length, status: 'ok', contributors: firsts.map((p) => detail(p, true)).sort(byCountThenUsername) };
        }
      }
    },
  };
}
