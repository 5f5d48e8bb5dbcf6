// Open Community MR Age (OCMA): the median age in days, at the end of the period, of the MRs
// with the labels that were open at that instant (lower is better). "Open at the end" is
// reconstructed, so past months can be backfilled: an MR created before the end that was then
// neither merged nor closed. Three questions cover it: MRs open now and created before the end;
// MRs merged after the end; MRs closed after the end (asked as "updated after the end", since
// closing touches updated_at, then checked on closedAt). An MR closed before the end and
// reopened after it is counted as open — GitLab keeps no reopen time in this API.
// Archived projects are left out (`includeArchived: false`, said explicitly): their open MRs can
// no longer be merged or reviewed, so they would only age the median; this applies to past months
// of a backfill too. Date arguments are whole UTC days around the instants (day-bounds.ts) and
// every node is checked again against the period's end, so GitLab's rounding cannot move an edge.
import type { Period } from '../../periods/periods.ts';
import type { MetricOutcome } from '../types.ts';
import { isBot, normaliseUsername } from './bots.ts';
import { quantile, readConnection } from './paging.ts';
import type { GitlabApi } from './connection.ts';
import { OpenMrNode } from './responses.ts';
import { dayEndCovering, dayStartAtOrBefore } from './day-bounds.ts';

const OPEN_AT_QUERY = /* GraphQL */ `
  query PulseOpenAt($path: ID!, $labels: [String!]!, $state: MergeRequestState!, $createdBefore: Time!, $mergedAfter: Time, $updatedAfter: Time, $first: Int!, $cursor: String) {
    group(fullPath: $path) {
      mergeRequests(state: $state, labelName: $labels, createdBefore: $createdBefore, mergedAfter: $mergedAfter, updatedAfter: $updatedAfter, includeSubgroups: true, includeArchived: false, first: $first, after: $cursor) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          iid
          createdAt
          mergedAt
          closedAt
          project {
            fullPath
          }
          author {
            username
            bot
            publicEmail
          }
        }
      }
    }
  }
`;

export interface OpenAgeQuery {
  groups: readonly string[];
  labels: readonly string[];
  exclude_users: readonly string[];
  /** Also left out at a period end (epoch ms): a `community` rule's members by then. */
  excludedAt?: (username: string, end: number) => boolean;
}

/**
 * OCMA at the end of each period, from one set of questions for all of them (a backfill asks
 * three per group, not three per month): MRs created before the last end that are open now, or
 * were merged or closed after the first end.
 */
export async function openMrAges(api: GitlabApi, query: OpenAgeQuery, periods: readonly Period[]): Promise<Map<string, MetricOutcome>> {
  const candidates = await openCandidates(api, query, periods);
  const out = new Map<string, MetricOutcome>();
  for (const period of periods)
    out.set(
      period.label,
      ageAt(
        candidates.filter((n) => n.author === null || query.excludedAt?.(n.author.username, period.end.getTime()) !== true),
        period,
      ),
    );
  return out;
}

/** The MRs (humans', not excluded) that may have been open at the end of any of the periods: check each with openAt. */
export async function openCandidates(api: GitlabApi, query: OpenAgeQuery, periods: readonly Period[]): Promise<OpenMrNode[]> {
  const ends = periods.map((p) => p.end.getTime());
  const firstEnd = periods.reduce<Period | undefined>((a, p) => (a === undefined || p.end < a.end ? p : a), undefined);
  const lastEnd = periods.reduce<Period | undefined>((a, p) => (a === undefined || p.end > a.end ? p : a), undefined);
  if (!firstEnd || !lastEnd || ends.length === 0) return [];
  const excluded = new Set(query.exclude_users.map(normaliseUsername));
  const candidates = new Map<string, OpenMrNode>();
  const take = (nodes: readonly OpenMrNode[]) => {
    for (const n of nodes) {
      if (!n.author || isBot(n.author) || excluded.has(normaliseUsername(n.author.username))) continue;
      candidates.set(`${n.project.fullPath}!${n.iid}`, n);
    }
  };
  const before = dayEndCovering(lastEnd.end);
  const after = dayStartAtOrBefore(firstEnd.end);
  const span = periods.length === 1 ? firstEnd.label : `${firstEnd.label}..${lastEnd.label}`;
  const asks = query.groups.flatMap((group) => [
    { group, label: 'open', variables: { state: 'opened' } },
    { group, label: 'merged after the end', variables: { state: 'merged', mergedAfter: after } },
    { group, label: 'closed after the end', variables: { state: 'closed', updatedAfter: after } },
  ]);
  await Promise.all(
    asks.map(({ group, label, variables }) =>
      readConnection(api, {
        what: `GitLab MRs of group ${group} open at the end of ${span} (${label})`,
        query: OPEN_AT_QUERY,
        variables: { path: group, labels: query.labels, createdBefore: before, ...variables },
        root: 'group',
        path: group,
        field: 'mergeRequests',
        node: OpenMrNode,
        onNodes: take,
      }),
    ),
  );
  return [...candidates.values()];
}

/** The candidates open at the end of the period, with their age then in days. */
export function openAt(nodes: Iterable<OpenMrNode>, period: Period): Array<{ node: OpenMrNode; days: number }> {
  const end = period.end.getTime();
  const open: Array<{ node: OpenMrNode; days: number }> = [];
  for (const n of nodes) {
    const created = Date.parse(n.createdAt);
    if (!(created < end)) continue;
    if (n.mergedAt !== null && Date.parse(n.mergedAt) < end) continue;
    if (n.closedAt !== null && Date.parse(n.closedAt) < end) continue;
    open.push({ node: n, days: (end - created) / 86_400_000 });
  }
  return open;
}

function ageAt(nodes: Iterable<OpenMrNode>, period: Period): MetricOutcome {
  const ages = openAt(nodes, period).map((o) => o.days);
  const sorted = ages.sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  if (median === null) return { value: null, status: 'unavailable', unit: 'days', reason: `no open MR with the labels at the end of ${period.label}` };
  const round = (d: number | null) => (d === null ? null : Math.round(d * 100) / 100);
  return {
    value: round(median),
    status: 'ok',
    unit: 'days',
    breakdown: {
      kind: 'statistics',
      items: [
        { key: 'median', label: 'Median', value: round(median), count: sorted.length },
        { key: 'p75', label: '75th percentile', value: round(quantile(sorted, 0.75)), count: sorted.length },
      ],
    },
  };
}
