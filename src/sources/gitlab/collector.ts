// The GitLab collector: one per configured source per run. Metrics over the same groups, labels and
// period share ONE fetch of that window (authors, MR count and first-timers all come from it), and
// a backfill's periods are fetched concurrently, paced by the host budget.
import { addMonths, type Period, periodOf } from '../../periods/periods.ts';
import type { HostBudget } from '../../http/types.ts';
import { consecutiveRuns, isFinal, MonthlyRange } from '../range.ts';
import type { BreakdownItem, Collector, ContributorDetail, MetricOutcome, MetricQuery, SourceContext } from '../types.ts';
import { normaliseUsername } from './bots.ts';
import { FirstTimeResolver } from './first-time.ts';
import { GITLAB_BUDGET, gitlabApi } from './connection.ts';
import type { GitlabConfig, GitlabQuery } from './config.ts';
import { quantile } from './paging.ts';
import { FirstReviewResolver } from './first-review.ts';
import { countIssues } from './issues.ts';
import { MilestoneCounter } from './milestones.ts';
import { openAt, openCandidates, openMrAges } from './open-age.ts';
import { localDay } from '../repo-file/dates.ts';
import { COUNT_LIMIT, PAGE_SIZE } from './api.ts';
import { fetchWindow, fetchWindows, RangeTooLarge, type AuthorTally, type Contribution, type WindowData, type WindowKey } from './window.ts';
import { openedContributions, organisationsReader } from './organisation-data.ts';
import { attribute, contributingCustomers, contributingOrganisations, customerContributions, leadingOrganisations, mrarr, organisationalDiversity, unmappedRows } from './organisation-kinds.ts';

export interface GitlabCollectorOptions {
  /** Host budget; default gitlab.com's documented limit with concurrency 8. */
  budget?: HostBudget;
  /** (author, group) pairs per first-time history request. */
  historyBatch?: number;
}

function distinctSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

type MrQuery = Exclude<GitlabQuery, { kind: 'issues' }>;

function groupsOf(query: MrQuery): string[] {
  return distinctSorted(query.groups ?? (query.group === undefined ? [] : [query.group]));
}

function windowKey(query: MrQuery, period: Period): WindowKey {
  return { groups: groupsOf(query), labels: distinctSorted(query.labels), start: period.start, end: period.end };
}

/**
 * Months per range walk. The walk is dropped when its first page's `count` exceeds 100 a month;
 * GitLab's MR `count` is a limited count (1001 for anything above 1000), so the threshold must stay
 * below 1000 for the check to mean anything: 9 months × 100 = 900.
 */
export const MAX_RUN_MONTHS = Math.floor((COUNT_LIMIT - 1) / PAGE_SIZE);

/** Kinds answered from the merged-MR windows of their months (so a backfill can fetch them as one range). */
const WINDOW_KINDS: ReadonlySet<GitlabQuery['kind']> = new Set([
  'merged_mr_authors',
  'merged_mrs',
  'first_time_contributors',
  'returning_contributors',
  'contributor_retention',
  'time_to_merge',
  'time_to_first_review',
  'contributing_organisations',
  'contributing_customers',
  'customer_contributions',
  'mrarr',
  'leading_organisations',
  'organisational_diversity',
]);

/** Kinds that read the organisations file. */
type OrganisationQuery = Extract<GitlabQuery, { kind: 'contributing_organisations' | 'contributing_customers' | 'customer_contributions' | 'mrarr' | 'leading_organisations' | 'organisational_diversity' }>;
const ORGANISATION_KINDS: ReadonlySet<GitlabQuery['kind']> = new Set(['contributing_organisations', 'contributing_customers', 'customer_contributions', 'mrarr', 'leading_organisations', 'organisational_diversity']);
const isOrganisationQuery = (q: GitlabQuery): q is OrganisationQuery => ORGANISATION_KINDS.has(q.kind);

/** Median and p75 of a list as the value (by `statistic`) and a statistics breakdown. */
function statistics(values: number[], statistic: 'median' | 'p75', unit: string, empty: string, extra: BreakdownItem[] = []): MetricOutcome {
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

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

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
  const milestones = new MilestoneCounter(api);
  const reviews = new FirstReviewResolver(api);
  const organisations = organisationsReader(ctx, name, config);
  const opened = new Map<string, Promise<Contribution[]>>();
  const windows = new Map<string, Promise<WindowData>>();
  const memoKeyOf = (key: WindowKey) => JSON.stringify([key.groups, key.labels, key.start.toISOString(), key.end.toISOString()]);

  const logWindow = (key: WindowKey, label: string, data: WindowData) => {
    let mrs = 0;
    for (const a of data.authors.values()) mrs += a.count;
    ctx.log.debug(`${name}: ${label} ${key.groups.join(', ')}: ${mrs} merged MRs by ${data.authors.size} people; left out ${data.botMrs} by bots, ${data.unattributedMrs} without author (${data.pages} pages)`);
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
              if (i === 0 && !(error instanceof RangeTooLarge)) ctx.log.info(`${name}: merged MRs of ${run.length} months at once failed (${error instanceof Error ? error.message : String(error)}); fetching month by month`);
              return fetchWindow(api, monthKey);
            },
          ),
        );
      });
    }
  };

  /** Kinds whose API question spans any range: one walk for a backfill's months, split per month. */
  const ranged = new Map<string, MonthlyRange<MetricOutcome>>();
  const rangedFor = (query: GitlabQuery, fetch: (periods: readonly Period[]) => Promise<Map<string, MetricOutcome>>): MonthlyRange<MetricOutcome> => {
    const key = JSON.stringify(query);
    let range = ranged.get(key);
    if (!range) {
      range = new MonthlyRange<MetricOutcome>({
        fetchRange: fetch,
        fetchMonth: async (period) => (await fetch([period])).get(period.label) ?? { value: null, status: 'unavailable', reason: `no answer for ${period.label}` },
        empty: { value: null, status: 'unavailable', reason: 'the range answer had no value for this month' },
        onFallback: (run, error) => ctx.log.info(`${name}: ${query.kind} for ${run.length} months at once failed (${error instanceof Error ? error.message : String(error)}); asking month by month`),
      });
      ranged.set(key, range);
    }
    return range;
  };
  const issuesRange = (query: Extract<GitlabQuery, { kind: 'issues' }>) => rangedFor(query, (periods) => countIssues(api, query, periods));

  const peopleOf = (data: WindowData, query: MrQuery): AuthorTally[] => {
    const excluded = new Set(query.exclude_users.map(normaliseUsername));
    return [...data.authors.entries()].filter(([id]) => !excluded.has(id)).map(([, tally]) => tally);
  };

  /** First-time contributors of a month: its authors with no matching MR merged before it. */
  const firstTimersOf = async (query: MrQuery, period: Period): Promise<AuthorTally[]> => {
    const key = windowKey(query, period);
    const people = peopleOf(await windowFor(key, period.label), query);
    const returning = await firstTime.returning(
      { groups: key.groups, labels: key.labels, before: key.start },
      people.map((p) => p.username),
    );
    return people.filter((p) => !returning.has(p.username));
  };

  const monthAt = (period: Period, delta: number): Period => periodOf(addMonths(period, delta), period.timeZone);

  /** Retention of the cohort of `cohort`: retained within `within` months, but not past `last`. */
  const cohortRetention = async (query: MrQuery, cohort: Period, within: number, last: Period): Promise<BreakdownItem> => {
    const firsts = await firstTimersOf(query, cohort);
    const later: Period[] = [];
    for (let i = 1; i <= within; i++) {
      const m = monthAt(cohort, i);
      if (m.start.getTime() > last.start.getTime()) break;
      later.push(m);
    }
    const seen = new Set<string>();
    for (const m of later) for (const p of peopleOf(await windowFor(windowKey(query, m), m.label), query)) seen.add(normaliseUsername(p.username));
    const retained = firsts.filter((p) => seen.has(normaliseUsername(p.username))).length;
    return {
      key: cohort.label,
      label: `Cohort ${cohort.label}`,
      value: firsts.length === 0 ? null : round2((retained / firsts.length) * 100),
      count: firsts.length,
      ...(later.length < within ? { partial: true } : {}),
    };
  };

  const contributionsOf = (data: WindowData, query: MrQuery): Contribution[] => {
    const excluded = new Set(query.exclude_users.map(normaliseUsername));
    return data.contributions.filter((c) => !excluded.has(c.author));
  };

  /** The period's contributions for an organisation kind: merged in it, or (state: any) opened in it. */
  const periodContributions = async (query: OrganisationQuery, period: Period): Promise<Contribution[]> => {
    if ('state' in query && query.state === 'any') {
      const key = windowKey(query, period);
      const memo = memoKeyOf(key);
      let pending = opened.get(memo);
      if (!pending) {
        pending = openedContributions(api, key);
        opened.set(memo, pending);
      }
      const excluded = new Set(query.exclude_users.map(normaliseUsername));
      return (await pending).filter((c) => !excluded.has(c.author));
    }
    return contributionsOf(await windowFor(windowKey(query, period), period.label), query);
  };

  /** Merged contributions of the three months ending with the period's last month (from the monthly windows). */
  const trailingQuarter = async (query: MrQuery, period: Period): Promise<Contribution[]> => {
    // Called with a month (leading_organisations is a level; the unmapped list is this month's).
    const months = [monthAt(period, -2), monthAt(period, -1), periodOf(period, period.timeZone)];
    const all = await Promise.all(months.map(async (m) => contributionsOf(await windowFor(windowKey(query, m), m.label), query)));
    return all.flat();
  };

  const collectOrganisations = async (query: OrganisationQuery, period: Period): Promise<MetricOutcome> => {
    const dir = await organisations();
    switch (query.kind) {
      case 'leading_organisations': {
        const [merged, candidates] = await Promise.all([trailingQuarter(query, period), openCandidates(api, { groups: groupsOf(query), labels: distinctSorted(query.labels), exclude_users: query.exclude_users }, [period])]);
        const open = openAt(candidates, period).map((o) => ({ username: o.node.author?.username ?? '', email: o.node.author?.publicEmail ?? null, days: o.days }));
        const lastDay = localDay(new Date(period.end.getTime() - 1), period.timeZone);
        return leadingOrganisations(attribute(merged, dir, period.timeZone), query.min_mrs, open, dir, lastDay);
      }
      case 'contributing_organisations': {
        const here = attribute(await periodContributions(query, period), dir, period.timeZone);
        const quarter = attribute(await trailingQuarter(query, period), dir, period.timeZone);
        return contributingOrganisations(here, unmappedRows(quarter, query.unmapped_min_mrs));
      }
      case 'contributing_customers':
        return contributingCustomers(attribute(await periodContributions(query, period), dir, period.timeZone));
      case 'customer_contributions':
        return customerContributions(attribute(await periodContributions(query, period), dir, period.timeZone));
      case 'mrarr':
        return mrarr(attribute(await periodContributions(query, period), dir, period.timeZone));
      case 'organisational_diversity':
        return organisationalDiversity(attribute(await periodContributions(query, period), dir, period.timeZone), period.label);
    }
  };

  const collectMr = async (query: MrQuery, period: Period): Promise<MetricOutcome> => {
    if (isOrganisationQuery(query)) return collectOrganisations(query, period);
    switch (query.kind) {
      case 'merged_mrs_per_milestone':
        return milestones.collect({ groups: groupsOf(query), labels: distinctSorted(query.labels), exclude_users: query.exclude_users, milestone_pattern: query.milestone_pattern }, period);
      case 'open_mr_age':
        return rangedFor(query, (periods) => openMrAges(api, { groups: groupsOf(query), labels: distinctSorted(query.labels), exclude_users: query.exclude_users }, periods)).month(period);
      case 'contributor_retention': {
        const within = query.within_months;
        // The newest cohort whose window is complete is the value; younger cohorts fill in later.
        const cohorts = await Promise.all(Array.from({ length: within }, (_, i) => cohortRetention(query, monthAt(period, -within + i), within, period)));
        const head = cohorts[0];
        const value = head?.value ?? null;
        if (value === null) {
          return { value: null, status: 'unavailable', unit: '%', reason: `no first-time contributors in ${monthAt(period, -within).label}, so no cohort to follow`, breakdown: { kind: 'cohorts', items: cohorts } };
        }
        return { value, status: 'ok', unit: '%', note: `Cohort of ${head?.key ?? ''}: ${head?.count ?? 0} first-time contributors, followed for ${within} months.`, breakdown: { kind: 'cohorts', items: cohorts } };
      }
      default:
        break;
    }
    const key = windowKey(query, period);
    const data = await windowFor(key, period.label);
    const people = peopleOf(data, query);
    switch (query.kind) {
      case 'merged_mrs':
        return { value: people.reduce((sum, p) => sum + p.count, 0), status: 'ok' };
      case 'merged_mr_authors':
        return { value: people.length, status: 'ok', contributors: people.map((p) => detail(p)).sort(byCountThenUsername) };
      case 'time_to_merge': {
        const excluded = new Set(query.exclude_users.map(normaliseUsername));
        const days = data.mergeDays.filter((d) => !excluded.has(d.author)).map((d) => d.days);
        return statistics(days, query.statistic, 'days', `no MR with the labels was merged in ${period.label}`);
      }
      case 'time_to_first_review': {
        const excluded = new Set(query.exclude_users.map(normaliseUsername));
        const refs = data.refs.filter((r) => !excluded.has(r.author));
        const firsts = await reviews.firstReviews(refs);
        const hours: number[] = [];
        let unreviewed = 0;
        for (const r of refs) {
          const at = firsts.get(`${r.project}!${r.iid}`) ?? null;
          if (at === null) unreviewed++;
          else hours.push(Math.max(0, at - r.createdAt) / 3_600_000);
        }
        const extra: BreakdownItem[] = [{ key: 'without_review', label: 'Merged without a review comment', value: unreviewed }];
        return statistics(hours, query.statistic, 'hours', `no MR with the labels merged in ${period.label} had a review comment`, extra);
      }
      case 'first_time_contributors':
      case 'returning_contributors': {
        const returning = await firstTime.returning(
          { groups: key.groups, labels: key.labels, before: key.start },
          people.map((p) => p.username),
        );
        const isFirst = query.kind === 'first_time_contributors';
        const chosen = people.filter((p) => returning.has(p.username) !== isFirst);
        return { value: chosen.length, status: 'ok', contributors: chosen.map((p) => detail(p, isFirst)).sort(byCountThenUsername) };
      }
    }
  };

  return {
    prefetch({ query }, periods) {
      if (query.kind === 'issues') return issuesRange(query).prefetch(periods);
      if (query.kind === 'open_mr_age') return rangedFor(query, (ps) => openMrAges(api, { groups: groupsOf(query), labels: distinctSorted(query.labels), exclude_users: query.exclude_users }, ps)).prefetch(periods);
      if (!WINDOW_KINDS.has(query.kind)) return;
      // Retention also reads the months before each period (its cohorts).
      const extra = query.kind === 'contributor_retention' ? periods.flatMap((p) => Array.from({ length: query.within_months }, (_, i) => monthAt(p, -(i + 1)))) : [];
      // The trailing quarter (leading organisations, the unmapped list) reads the two months before.
      const trailing = query.kind === 'leading_organisations' || query.kind === 'contributing_organisations' ? periods.flatMap((p) => [monthAt(p, -2), monthAt(p, -1)]) : [];
      // state: any reads MRs opened in the period, not these windows (except the unmapped list's).
      const own = 'state' in query && query.state === 'any' ? [] : periods;
      prefetchWindows(query, [...new Map([...own, ...extra, ...trailing].map((p) => [p.label, p])).values()]);
    },
    async collect(metric: MetricQuery<GitlabQuery>, period: Period): Promise<MetricOutcome> {
      const { query } = metric;
      if (query.kind === 'issues') return issuesRange(query).month(period);
      return collectMr(query, period);
    },
  };
}
