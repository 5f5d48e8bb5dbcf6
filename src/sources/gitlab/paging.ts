// Reads every page of one GraphQL connection (keyset: `first: 100`, `after: endCursor`), handing
// each page's nodes to the caller, so nothing but the caller's tally stays in memory. The group
// or project being null means not found (or invisible to the token).
import type { z } from 'zod';
import { gitlabFieldMissing, gitlabNotFound, gitlabStuckCursor, gitlabTooManyPages } from '../../errors/gitlab.ts';
import type { GitlabApi } from './connection.ts';
import { connectionPage, type PageInfo } from './responses.ts';

export interface ConnectionRequest<N> {
  what: string;
  query: string;
  variables: Record<string, unknown>;
  root: 'group' | 'project';
  /** Full path of the group or project, for the not-found message. */
  path: string;
  field: string;
  node: z.ZodType<N>;
  onNodes(nodes: readonly N[]): void;
}

/** Pages one question may read (100,000 nodes): a server that never stops paging is cut off. */
export const MAX_CONNECTION_PAGES = 1000;

export async function readConnection<N>(api: GitlabApi, req: ConnectionRequest<N>): Promise<number> {
  const schema = connectionPage(req.root, req.field, req.node);
  let cursor: string | null = null;
  for (let pages = 1; ; pages++) {
    const data = (await api.query(req.what, req.query, { ...req.variables, first: 100, cursor }, schema)) as Record<string, Record<string, { pageInfo: PageInfo; nodes: Array<N | null> } | null> | null>;
    const owner = data[req.root];
    if (!owner) {
      throw gitlabNotFound({ root: req.root, path: req.path, instance: api.instance });
    }
    const connection = owner[req.field];
    if (!connection) throw gitlabFieldMissing({ what: req.field, root: req.root, path: req.path });
    req.onNodes(connection.nodes.filter((n): n is N => n !== null));
    if (!connection.pageInfo.hasNextPage) return pages;
    if (pages >= MAX_CONNECTION_PAGES) {
      throw gitlabTooManyPages({ field: req.field, path: req.path, max: MAX_CONNECTION_PAGES });
    }
    if (connection.pageInfo.endCursor === null || connection.pageInfo.endCursor === cursor) {
      throw gitlabStuckCursor(`another page of ${req.field} for "${req.path}"`);
    }
    cursor = connection.pageInfo.endCursor;
  }
}

/** Median and 75th percentile (nearest-rank on the sorted values); null for an empty list. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  if (q === 0.5) {
    const mid = Math.floor(sorted.length / 2);
    const a = sorted[mid] ?? 0;
    return sorted.length % 2 === 1 ? a : ((sorted[mid - 1] ?? 0) + a) / 2;
  }
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.max(0, rank - 1)] ?? null;
}

/** Days between two instants, to two decimals. */
export const daysBetween = (from: number, to: number): number => Math.round(((to - from) / 86_400_000) * 100) / 100;
