// The fake's query engine: GitLab's MergeRequestsFinder semantics for the filters we use, over an
// indexed data set so the benchmark can serve 100,000 MRs a month without scanning them all per page.
//
// Semantics copied from GitLab (app/finders/concerns/merged_at_filter.rb, app/models/merge_request/metrics.rb):
// `merged_after` is `merged_at >= value` and `merged_before` is `merged_at <= value.end_of_day` —
// BOTH inclusive, and the upper bound widened to the end of its (UTC, gitlab.com's zone) day.
// Archived projects are left out unless include_archived (see README.md).
// A group's MRs are its own projects' only, unless include_subgroups. All listed labels must match.
// Results are ordered like GitLab's default (created_desc): newest first, by id.
import { createdAtOf, namespaceOf, updatedAtOf, type FakeGitlabData, type FakeMergeRequest, type FakeUser } from './data.ts';

export type StateFilter = 'merged' | 'opened' | 'closed' | 'locked' | 'all';

export interface MrFilter {
  group: string;
  includeSubgroups: boolean;
  state: StateFilter;
  labels: string[];
  /** Epoch ms, inclusive. */
  mergedAfter?: number;
  /** Epoch ms, inclusive; widened to the end of its UTC day (see mergedBeforeBound). */
  mergedBefore?: number;
  /** Archived projects' MRs are left out unless true. */
  includeArchived?: boolean;
  /** GitLab's MergeRequestSort; default CREATED_DESC (newest id first). */
  sort?: 'CREATED_DESC' | 'MERGED_AT_ASC' | 'MERGED_AT_DESC';
  authorUsername?: string;
  milestoneTitle?: string;
  /** Epoch ms, inclusive. */
  createdAfter?: number;
  /** Epoch ms, inclusive. */
  createdBefore?: number;
  /** Epoch ms, inclusive. */
  updatedAfter?: number;
}

const CACHE_LIMIT = 256;

export class MrStore {
  readonly data: FakeGitlabData;
  readonly #groups: Set<string>;
  readonly #usersById = new Map<number, FakeUser>();
  readonly #usersByUsername = new Map<string, FakeUser>();
  /** Merged MRs ordered by mergedAt, for range queries. */
  readonly #byMergedAt: Array<{ at: number; mr: FakeMergeRequest }>;
  readonly #byAuthor = new Map<number, FakeMergeRequest[]>();
  readonly #cache = new Map<string, FakeMergeRequest[]>();
  readonly #archived: ReadonlySet<string>;
  /** "project!iid" → MR, and every project path, so the benchmark's 100,000s of MRs are looked up, not scanned. */
  readonly #byRef = new Map<string, FakeMergeRequest>();
  readonly #projects = new Set<string>();

  constructor(data: FakeGitlabData) {
    this.data = data;
    this.#groups = new Set(data.groups);
    this.#archived = new Set(data.archivedProjects ?? []);
    for (const u of data.users) {
      this.#usersById.set(u.id, u);
      this.#usersByUsername.set(u.username.toLowerCase(), u);
    }
    this.#byMergedAt = data.mergeRequests
      .filter((mr) => mr.mergedAt !== undefined)
      .map((mr) => ({ at: Date.parse(mr.mergedAt ?? ''), mr }))
      .sort((a, b) => a.at - b.at);
    for (const mr of data.mergeRequests) {
      this.#byRef.set(`${mr.project}!${mr.iid}`, mr);
      this.#projects.add(mr.project);
      const list = this.#byAuthor.get(mr.authorId) ?? [];
      list.push(mr);
      this.#byAuthor.set(mr.authorId, list);
    }
  }

  hasGroup(fullPath: string): boolean {
    return this.#groups.has(fullPath);
  }

  /** A project exists when an MR or issue lives in it (the fake has no project list of its own). */
  hasProject(fullPath: string): boolean {
    return this.#projects.has(fullPath) || (this.data.issues ?? []).some((i) => i.project === fullPath);
  }

  /** The MR with this project and iid. */
  mergeRequest(project: string, iid: string): FakeMergeRequest | undefined {
    return this.#byRef.get(`${project}!${iid}`);
  }

  user(id: number): FakeUser | undefined {
    return this.#usersById.get(id);
  }

  userByUsername(username: string): FakeUser | undefined {
    // GitLab usernames are unique case-insensitively, and lookups ignore case.
    return this.#usersByUsername.get(username.toLowerCase());
  }

  /** Every MR matching the filter, newest first. Cached: pages of one query reuse the list. */
  find(filter: MrFilter): FakeMergeRequest[] {
    const key = JSON.stringify([
      filter.group,
      filter.includeSubgroups,
      filter.state,
      [...filter.labels].sort(),
      filter.mergedAfter,
      filter.mergedBefore,
      filter.authorUsername?.toLowerCase(),
      filter.milestoneTitle,
      filter.createdAfter,
      filter.createdBefore,
      filter.updatedAfter,
      filter.includeArchived === true,
      filter.sort,
    ]);
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const result = this.#candidates(filter)
      .filter((mr) => this.#matches(mr, filter))
      .sort(sorter(filter.sort));
    if (this.#cache.size >= CACHE_LIMIT) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(key, result);
    return result;
  }

  #candidates(filter: MrFilter): FakeMergeRequest[] {
    if (filter.authorUsername !== undefined) {
      const author = this.userByUsername(filter.authorUsername);
      return author ? (this.#byAuthor.get(author.id) ?? []) : [];
    }
    if (filter.mergedAfter === undefined && filter.mergedBefore === undefined) return this.data.mergeRequests;
    const lo = filter.mergedAfter === undefined ? 0 : lowerBound(this.#byMergedAt, filter.mergedAfter);
    const hi = filter.mergedBefore === undefined ? this.#byMergedAt.length : lowerBound(this.#byMergedAt, mergedBeforeBound(filter.mergedBefore) + 1);
    return this.#byMergedAt.slice(lo, hi).map((e) => e.mr);
  }

  #matches(mr: FakeMergeRequest, f: MrFilter): boolean {
    const ns = namespaceOf(mr.project);
    if (ns !== f.group && !(f.includeSubgroups && ns.startsWith(`${f.group}/`))) return false;
    if (f.includeArchived !== true && this.#archived.has(mr.project)) return false;
    if (f.state !== 'all' && mr.state !== f.state) return false;
    for (const label of f.labels) if (!mr.labels.includes(label)) return false;
    if (f.mergedAfter !== undefined || f.mergedBefore !== undefined) {
      // The merged_at filter joins merge_request_metrics: MRs without a merge time never match.
      if (mr.mergedAt === undefined) return false;
      const at = Date.parse(mr.mergedAt);
      if (f.mergedAfter !== undefined && at < f.mergedAfter) return false;
      if (f.mergedBefore !== undefined && at > mergedBeforeBound(f.mergedBefore)) return false;
    }
    if (f.authorUsername !== undefined && this.user(mr.authorId)?.username.toLowerCase() !== f.authorUsername.toLowerCase()) return false;
    if (f.milestoneTitle !== undefined && mr.milestone !== f.milestoneTitle) return false;
    const created = Date.parse(createdAtOf(mr));
    if (f.createdAfter !== undefined && created < f.createdAfter) return false;
    if (f.createdBefore !== undefined && created > f.createdBefore) return false;
    if (f.updatedAfter !== undefined && updatedAtOf(mr) < f.updatedAfter) return false;
    return true;
  }
}

/**
 * `merged_before` as GitLab applies it to a Time: `lteq(date.end_of_day)` (MergeRequest::Metrics,
 * see README.md), the last millisecond of the value's day in UTC (gitlab.com's zone).
 */
export function mergedBeforeBound(ms: number): number {
  const day = new Date(ms);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 23, 59, 59, 999);
}

function sorter(sort: MrFilter['sort']): (a: FakeMergeRequest, b: FakeMergeRequest) => number {
  if (sort === undefined || sort === 'CREATED_DESC') return (a, b) => b.id - a.id;
  const sign = sort === 'MERGED_AT_ASC' ? 1 : -1;
  // Nulls last either way, ties newest id first.
  return (a, b) => {
    const ma = a.mergedAt === undefined ? Number.NaN : Date.parse(a.mergedAt);
    const mb = b.mergedAt === undefined ? Number.NaN : Date.parse(b.mergedAt);
    if (Number.isNaN(ma) !== Number.isNaN(mb)) return Number.isNaN(ma) ? 1 : -1;
    if (ma !== mb && !Number.isNaN(ma)) return sign * (ma - mb);
    return b.id - a.id;
  };
}

/** First index whose `at` is >= value. */
function lowerBound(list: ReadonlyArray<{ at: number }>, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.at ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
