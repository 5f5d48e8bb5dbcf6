// Fetches one window (one report period) of merged MRs for a set of groups and labels, and keeps
// only what the metrics need: a tally per human author. Nodes are folded into the tally page by
// page and dropped, so memory grows with the number of distinct authors, not with MRs.
import { PulseError } from '../../errors.ts';
import { CursorPager } from '../../http/paginate.ts';
import { MERGED_MRS_QUERY, MergedMrsPage, PAGE_SIZE, type MrNode } from './api.ts';
import { isBot, normaliseUsername } from './bots.ts';
import { type GitlabApi, groupNotFound } from './connection.ts';

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
  const data: WindowData = { authors: new Map(), botMrs: 0, unattributedMrs: 0, pages: 0 };
  const start = key.start.getTime();
  const end = key.end.getTime();
  // Only needed when groups can overlap; one group's connection never repeats an MR.
  const seen = key.groups.length > 1 ? new Set<string>() : undefined;

  const take = (node: MrNode) => {
    // Always filter on mergedAt here as well: a server that ignores or widens the date arguments
    // (older GitLab, a proxy) must not leak MRs from neighbouring months into this one.
    const at = node.mergedAt === null ? Number.NaN : Date.parse(node.mergedAt);
    if (!(at >= start && at < end)) return;
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
  };

  await Promise.all(
    key.groups.map(async (group) => {
      let cursor: string | null = null;
      const pager = new CursorPager({ what: `GitLab merged MRs of group ${group}`, host: URL.parse(api.instance)?.host ?? api.instance });
      for (;;) {
        const page: MergedMrsPage = await api.query(
          `GitLab merged MRs of group ${group}`,
          MERGED_MRS_QUERY,
          { group, labels: key.labels, after: key.start.toISOString(), before: justBefore(key.end), first: PAGE_SIZE, cursor },
          MergedMrsPage,
        );
        data.pages++;
        if (page.group === null) {
          throw groupNotFound(group, api.instance);
        }
        const connection = page.group.mergeRequests;
        if (connection === null) {
          throw new PulseError('EBADRESPONSE', `GitLab returned no mergeRequests for group "${group}"`, 'Re-run with --verbose and report it with the GitLab version.');
        }
        for (const node of connection.nodes) if (node) take(node);
        // Every cursor is remembered and pages are capped: a cycle or endless cursors stop with a message.
        const next = pager.next(connection.pageInfo);
        if (next === undefined) return;
        cursor = next;
      }
    }),
  );
  return data;
}
