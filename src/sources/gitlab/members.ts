// The company's people, for a wider community defined by who is NOT a member of given groups.
// GET /groups/:id/members/all lists a group's direct members, the members inherited from its
// ancestor groups and (GitLab 17.4+) the members of groups invited to it — one row per user, the
// membership with the highest access level — but NOT the members of its subgroups only. Pending
// (`awaiting`) members are included: no `state` filter is sent, a person being added is staff.
//
// Membership is a snapshot at collection time. Each row's `created_at` says when that membership
// began, so a past month excludes only the people whose membership began before the month ended:
// someone who joined in June still counts as community in March's backfill. A row without
// `created_at` (GitLab hides it from non-admins for members of invited groups) is a member in
// every month. People who left the company are not in the snapshot: list them in
// `exclude_usernames`.
//
// One listing per group per run (cached here, shared by every metric and month), 100 rows a page.
import { gitlabClient } from '../../http/gitlab.ts';
import { paginate } from '../../http/paginate.ts';
import type { SourceContext } from '../types.ts';
import type { GitlabConfig } from './config.ts';
import { normaliseUsername } from './bots.ts';
import { MemberPage } from './responses.ts';
import { gitlabReadTokenHint } from '../../errors/hints.ts';

/** Rows per page: GitLab's maximum `per_page`. */
export const MEMBERS_PAGE_SIZE = 100;

/** username (normalised) → when the membership began (epoch ms; -Infinity when unknown). */
export type Members = ReadonlyMap<string, number>;

export class MembershipResolver {
  readonly #ctx: SourceContext;
  readonly #config: GitlabConfig;
  readonly #groups = new Map<string, Promise<Members>>();

  constructor(ctx: SourceContext, config: GitlabConfig) {
    this.#ctx = ctx;
    this.#config = config;
  }

  /** The members of all these groups; a person in several keeps the earliest start. */
  async membersOf(groups: readonly string[]): Promise<Members> {
    const lists = await Promise.all(groups.map((g) => this.#group(g)));
    const all = new Map<string, number>();
    for (const list of lists) for (const [user, since] of list) all.set(user, Math.min(all.get(user) ?? Number.POSITIVE_INFINITY, since));
    return all;
  }

  #group(group: string): Promise<Members> {
    let members = this.#groups.get(group);
    if (!members) {
      members = this.#list(group);
      // A failure is not kept: a later metric may try again.
      members.catch(() => this.#groups.delete(group));
      this.#groups.set(group, members);
    }
    return members;
  }

  async #list(group: string): Promise<Members> {
    const rest = gitlabClient(this.#ctx.http, {
      url: this.#config.url,
      token: this.#ctx.secret(this.#config.token_env),
      authHint: gitlabReadTokenHint({ env: this.#config.token_env, sees: `group "${group}"` }),
      notFoundHint: `Check community.exclude_members_of in goals.yml: "${group}" must be a group's full path (e.g. gitlab-com) visible to the token.`,
    });
    const first = rest.request({ path: `/groups/${encodeURIComponent(group)}/members/all`, query: { per_page: MEMBERS_PAGE_SIZE }, schema: MemberPage, what: `GitLab members of group ${group} (inherited and invited included)` });
    const members = new Map<string, number>();
    for await (const page of paginate(this.#ctx.http, first)) {
      for (const row of page.data) {
        const since = row.created_at ? Date.parse(row.created_at) : Number.NaN;
        members.set(normaliseUsername(row.username), Number.isNaN(since) ? Number.NEGATIVE_INFINITY : since);
      }
    }
    return members;
  }
}

/** Whether a member counts as the company in a period ending at `end` (their membership began before it). */
export function memberAt(members: Members, username: string, end: number): boolean {
  const since = members.get(normaliseUsername(username));
  return since !== undefined && since < end;
}
