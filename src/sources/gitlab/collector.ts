// The GitLab collector: one per configured source per run. Metrics over the same groups, labels and
// period share ONE fetch of that window (authors, MR count and first-timers all come from it;
// window-cache.ts), and a backfill's periods are fetched concurrently, paced by the host budget.
// The value shapes (statistics, contributor lists) are outcomes.ts.
import { addMonths, type Period, periodOf } from '../../periods/periods.ts';
import type { HostBudget } from '../../http/types.ts';
import { MonthlyRange } from '../range.ts';
import type { BreakdownItem, Collector, MetricOutcome, MetricQuery, SourceContext } from '../types.ts';
import { normaliseUsername } from './bots.ts';
import { FirstTimeResolver } from './first-time.ts';
import { GITLAB_BUDGET, gitlabApi } from './connection.ts';
import type { GitlabConfig, GitlabQuery } from './config.ts';
import { FirstReviewResolver } from './first-review.ts';
import { countIssues } from './issues.ts';
import { ProjectVisibility } from './visibility.ts';
import { MilestoneCounter } from './milestones.ts';
import { memberAt, MembershipResolver } from './members.ts';
import { openAt, openCandidates, openMrAges } from './open-age.ts';
import { localDay } from '../repo-file/dates.ts';
import type { AuthorTally, Contribution, WindowData, WindowKey } from './window.ts';
import { byCountThenUsername, detail, round2, statistics } from './outcomes.ts';
import { distinctSorted, groupsOf, type MrQuery, windowCache, windowKey } from './window-cache.ts';
import { openedContributions, organisationsReader } from './organisation-data.ts';
import { attribute, contributingCustomers, contributingOrganisations, customerContributions, leadingOrganisations, mrarr, organisationalDiversity, unmappedRows } from './organisation-kinds.ts';

export { MAX_RUN_MONTHS } from './window-cache.ts';

export interface GitlabCollectorOptions {
  /** Host budget; default gitlab.com's documented limit with concurrency 8. */
  budget?: HostBudget;
  /** (author, group) pairs per first-time history request. */
  historyBatch?: number;
}

/** Whether an author is left out of a period ending at `end` (epoch ms): a listed username or, with `community`, a member by then. */
type ExcludedAt = (username: string, end: number) => boolean;

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

export function createGitlabCollector(ctx: SourceContext, name: string, config: GitlabConfig, options: GitlabCollectorOptions = {}): Collector<GitlabQuery> {
  const api = gitlabApi(ctx, config, options.budget ?? GITLAB_BUDGET);
  const firstTime = new FirstTimeResolver(api, options.historyBatch);
  const milestones = new MilestoneCounter(api);
  const reviews = new FirstReviewResolver(api);
  const members = new MembershipResolver(ctx, config);
  const visibility = new ProjectVisibility(api);
  const { windowFor, prefetchWindows } = windowCache(api, ctx.log, name);
  const organisations = organisationsReader(ctx, name, config);
  /** MRs opened in a window (organisation kinds with `state: any`), one walk per window key. */
  const opened = new Map<string, Promise<Contribution[]>>();
  const memoKeyOf = (key: WindowKey) => JSON.stringify([key.groups, key.labels, key.start.toISOString(), key.end.toISOString()]);
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
  const issuesRange = (query: Extract<GitlabQuery, { kind: 'issues' }>) => rangedFor(query, (periods) => countIssues(api, visibility, query, periods));
  const openAgeRange = (query: Extract<GitlabQuery, { kind: 'open_mr_age' }>) =>
    rangedFor(query, async (periods) => openMrAges(api, { groups: groupsOf(query), labels: distinctSorted(query.labels), exclude_users: query.exclude_users, excludedAt: await excludedAtFor(query) }, periods));

  /** Who is left out besides bots: `exclude_users`, and with `community` its usernames and the members of its groups. */
  const excludedAtFor = async (query: MrQuery): Promise<ExcludedAt> => {
    const names = new Set([...query.exclude_users, ...(query.community?.exclude_usernames ?? [])].map(normaliseUsername));
    const groups = query.community?.exclude_members_of;
    if (groups === undefined) return (username) => names.has(normaliseUsername(username));
    const list = await members.membersOf(distinctSorted(groups));
    return (username, end) => names.has(normaliseUsername(username)) || memberAt(list, username, end);
  };

  const peopleOf = async (data: WindowData, query: MrQuery, period: Period): Promise<AuthorTally[]> => {
    const excluded = await excludedAtFor(query);
    const end = period.end.getTime();
    return [...data.authors.entries()].filter(([id]) => !excluded(id, end)).map(([, tally]) => tally);
  };

  /** First-time contributors of a month: its authors with no matching MR merged before it. */
  const firstTimersOf = async (query: MrQuery, period: Period): Promise<AuthorTally[]> => {
    const key = windowKey(query, period);
    const people = await peopleOf(await windowFor(key, period.label), query, period);
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
    for (const m of later) for (const p of await peopleOf(await windowFor(windowKey(query, m), m.label), query, m)) seen.add(normaliseUsername(p.username));
    const retained = firsts.filter((p) => seen.has(normaliseUsername(p.username))).length;
    return {
      key: cohort.label,
      label: `Cohort ${cohort.label}`,
      value: firsts.length === 0 ? null : round2((retained / firsts.length) * 100),
      count: firsts.length,
      ...(later.length < within ? { partial: true } : {}),
    };
  };

  /** A window's contributions without the excluded authors (exclude_users, and a `community` rule's members by the period end). */
  const contributionsOf = async (data: WindowData, query: MrQuery, period: Period): Promise<Contribution[]> => {
    const excluded = await excludedAtFor(query);
    const end = period.end.getTime();
    return data.contributions.filter((c) => !excluded(c.author, end));
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
      const excluded = await excludedAtFor(query);
      const end = period.end.getTime();
      return (await pending).filter((c) => !excluded(c.author, end));
    }
    return contributionsOf(await windowFor(windowKey(query, period), period.label), query, period);
  };

  /** Merged contributions of the three months ending with the period's last month (from the monthly windows). */
  const trailingQuarter = async (query: MrQuery, period: Period): Promise<Contribution[]> => {
    // Called with a month (leading_organisations is a level; the unmapped list is this month's).
    const months = [monthAt(period, -2), monthAt(period, -1), periodOf(period, period.timeZone)];
    const all = await Promise.all(months.map(async (m) => contributionsOf(await windowFor(windowKey(query, m), m.label), query, m)));
    return all.flat();
  };

  const collectOrganisations = async (query: OrganisationQuery, period: Period): Promise<MetricOutcome> => {
    const dir = await organisations();
    switch (query.kind) {
      case 'leading_organisations': {
        const [merged, candidates] = await Promise.all([
          trailingQuarter(query, period),
          openCandidates(api, { groups: groupsOf(query), labels: distinctSorted(query.labels), exclude_users: query.exclude_users, excludedAt: await excludedAtFor(query) }, [period]),
        ]);
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
      case 'merged_mrs_per_milestone': {
        const excluded = await excludedAtFor(query);
        const end = period.end.getTime();
        return milestones.collect({ groups: groupsOf(query), labels: distinctSorted(query.labels), exclude_users: query.exclude_users, excluded: (u) => excluded(u, end), milestone_pattern: query.milestone_pattern }, period);
      }
      case 'open_mr_age':
        return openAgeRange(query).month(period);
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
    const people = await peopleOf(data, query, period);
    const excluded = await excludedAtFor(query);
    const end = period.end.getTime();
    switch (query.kind) {
      case 'merged_mrs':
        return { value: people.reduce((sum, p) => sum + p.count, 0), status: 'ok' };
      case 'merged_mr_authors':
        return { value: people.length, status: 'ok', contributors: people.map((p) => detail(p)).sort(byCountThenUsername) };
      case 'time_to_merge': {
        const days = data.mergeDays.filter((d) => !excluded(d.author, end)).map((d) => d.days);
        return statistics(days, query.statistic, 'days', `no MR with the labels was merged in ${period.label}`);
      }
      case 'time_to_first_review': {
        const refs = data.refs.filter((r) => !excluded(r.author, end));
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
      if (query.kind === 'open_mr_age') return openAgeRange(query).prefetch(periods);
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
