// Fetches one window (one report period) of merged MRs for a set of groups and labels, and keeps
// only what the metrics need: a tally per human author. Nodes are folded into the tally page by
// page and dropped, so memory grows with the number of distinct authors, not with MRs.
import { gitlabFieldMissing } from '../../errors/gitlab.ts';
import { CursorPager } from '../../http/paginate.ts';
import { MERGED_MRS_QUERY, PAGE_SIZE } from './api.ts';
import { MergedMrsPage, type MrNode } from './responses.ts';
import { isBot, normaliseUsername } from './bots.ts';
import { type GitlabApi, groupNotFound } from './connection.ts';
import { dayEndCovering, dayStartAtOrBefore } from './day-bounds.ts';

export interface WindowKey {
  /** Sorted, distinct group full paths. */
  groups: readonly string[];
  /** Sorted, distinct label names; an MR must carry all of them. */
  labels: readonly string[];
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

export interface AuthorTally {
  username: string;
  name: string;
  webUrl: string;
  /** Distinct merged MRs in the window. */
  count: number;
}

export interface WindowData {
  /** Human authors, keyed by lower-cased username. */
  authors: Map<string, AuthorTally>;
  /** MRs left out because their author is a bot (flag or username pattern). */
  botMrs: number;
  /** MRs left out because the API showed no author. */
  unattributedMrs: number;
  /** GraphQL pages read. */
  pages: number;
  /** Days from opening to merge of each counted MR (by author key), for time_to_merge. */
  mergeDays: Array<{ author: string; days: number }>;
  /** Each counted MR with its opening time (ms), for time_to_first_review. */
  refs: MrRef[];
  /** Each counted MR's author, public email and merge instant (ms), for the organisation kinds. */
  contributions: Contribution[];
}

export interface Contribution {
  /** Normalised username. */
  author: string;
  username: string;
  webUrl: string;
  email: string | null;
  /** When the MR was merged (or, for state: any, opened), ms. */
  at: number;
}

export interface MrRef {
  project: string;
  iid: string;
  /** Normalised username of the author. */
  author: string;
  createdAt: number;
}

/**
 * GitLab's `mergedBefore` is inclusive (merged_at <= value, app/models/merge_request/metrics.rb)
 * and merged_at has microsecond precision; Time arguments are parsed with Ruby's Time.parse, which
 * keeps fractions. One microsecond before an instant therefore makes the bound exclusive.
 */
export function justBefore(instant: Date): string {
  return new Date(instant.getTime() - 1).toISOString().replace(/Z$/, '999Z');
}

/** An MR's identity across groups: a subgroup's MR is also its parent group's. */
function mrKey(node: MrNode): string {
  return `${node.project.fullPath}!${node.iid}`;
}

export async function fetchWindow(api: GitlabApi, key: WindowKey): Promise<WindowData> {
  const [data] = await fetchWindows(api, { groups: key.groups, labels: key.labels }, [key.start, key.end]);
  if (!data) throw new Error('fetchWindows returned no window');
  return data;
}

const emptyWindow = (): WindowData => ({ authors: new Map(), botMrs: 0, unattributedMrs: 0, pages: 0, mergeDays: [], refs: [], contributions: [] });

/**
 * One fetch over [bounds[0], bounds[n]) split into the n windows between consecutive bounds (a
 * backfill's months): GitLab's merged-MR connection spans any range, so months cost
 * ceil(MRs of the whole range / 100) pages instead of at least one page each. The pages read are
 * counted on the first window.
 */
/** Thrown when one walk over a range would read more pages than month-by-month windows save. */
export class RangeTooLarge extends Error {}

export async function fetchWindows(
  api: GitlabApi,
  key: Pick<WindowKey, 'groups' | 'labels'>,
  bounds: readonly Date[],
  /** Give up (RangeTooLarge) after the first page when a group's window holds more MRs than this. */
  maxTotal?: number,
): Promise<WindowData[]> {
  const windows = bounds.slice(1).map(emptyWindow);
  const edges = bounds.map((b) => b.getTime());
  const start = edges[0] ?? 0;
  const end = edges.at(-1) ?? 0;
  const first = bounds[0];
  const last = bounds.at(-1);
  if (!first || !last || windows.length === 0) return [];
  // Only needed when groups can overlap; one group's connection never repeats an MR.
  const seen = key.groups.length > 1 ? new Set<string>() : undefined;

  const windowAt = (at: number): WindowData | undefined => {
    // Few windows (months of one backfill): a linear scan is fine.
    for (let i = 0; i < windows.length; i++) if (at >= (edges[i] ?? 0) && at < (edges[i + 1] ?? 0)) return windows[i];
    return undefined;
  };

  const take = (node: MrNode) => {
    // Always filter on mergedAt here as well: a server that ignores or widens the date arguments
    // (older GitLab, a proxy) must not leak MRs from neighbouring months into this one.
    const at = node.mergedAt === null ? Number.NaN : Date.parse(node.mergedAt);
    if (!(at >= start && at < end)) return;
    const data = windowAt(at);
    if (!data) return;
    if (seen) {
      const k = mrKey(node);
      if (seen.has(k)) return;
      seen.add(k);
    }
    const author = node.author;
    if (!author) {
      data.unattributedMrs++;
      return;
    }
    if (isBot(author)) {
      data.botMrs++;
      return;
    }
    const id = normaliseUsername(author.username);
    const tally = data.authors.get(id);
    if (tally) tally.count++;
    else data.authors.set(id, { username: author.username, name: author.name, webUrl: author.webUrl, count: 1 });
    data.contributions.push({ author: id, username: author.username, webUrl: author.webUrl, email: author.publicEmail ?? null, at });
    const created = node.createdAt ? Date.parse(node.createdAt) : Number.NaN;
    if (Number.isFinite(created) && created <= at) {
      data.mergeDays.push({ author: id, days: (at - created) / 86_400_000 });
      data.refs.push({ project: node.project.fullPath, iid: node.iid, author: id, createdAt: created });
    }
  };

  let pages = 0;
  await Promise.all(
    key.groups.map(async (group) => {
      let cursor: string | null = null;
      const pager = new CursorPager({ what: `GitLab merged MRs of group ${group}`, host: URL.parse(api.instance)?.host ?? api.instance });
      for (;;) {
        const page: MergedMrsPage = await api.query(
          `GitLab merged MRs of group ${group}`,
          MERGED_MRS_QUERY,
          // Whole UTC days around the range (day-bounds.ts): GitLab's end-of-day widening cannot move
          // them; `take` keeps only MRs merged inside [first, last).
          { group, labels: key.labels, after: dayStartAtOrBefore(first), before: dayEndCovering(last), first: PAGE_SIZE, cursor },
          MergedMrsPage,
        );
        pages++;
        if (page.group === null) {
          throw groupNotFound(group, api.instance);
        }
        const connection = page.group.mergeRequests;
        if (connection === null) {
          throw gitlabFieldMissing({ what: 'mergeRequests', root: 'group', path: group });
        }
        if (cursor === null && maxTotal !== undefined && typeof connection.count === 'number' && connection.count > maxTotal) {
          throw new RangeTooLarge(`${connection.count} merged MRs of ${group} in the range: months are fetched side by side instead`);
        }
        for (const node of connection.nodes) if (node) take(node);
        // Every cursor is remembered and pages are capped: a cycle or endless cursors stop with a message.
        const next = pager.next(connection.pageInfo);
        if (next === undefined) return;
        cursor = next;
      }
    }),
  );
  const head = windows[0];
  if (head) head.pages = pages;
  return windows;
}
