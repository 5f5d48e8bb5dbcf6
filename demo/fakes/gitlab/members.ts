// REST `GET /groups/:id/members/all`, as doc/api/members.md ("List all members of a group or
// project including inherited and invited members") describes it: the group's direct members, the
// members of its ANCESTOR groups, and the members of groups invited to it (GitLab 17.4+); members of
// its subgroups are not listed. A user in several of these appears once, with the membership of the
// highest `access_level`. `state=awaiting|active` filters by member state. Offset paging with
// `page`/`per_page` and GitLab's paging headers (paging.ts).
import { HttpResponse } from 'msw';
import { groupIds, type FakeGitlabData, type FakeMembership } from './data.ts';
import { offsetPage } from './paging.ts';
import type { MrStore } from './store.ts';

/** The group and its ancestors: `a/b/c` → `a/b/c`, `a/b`, `a`. */
function selfAndAncestors(group: string): string[] {
  const parts = group.split('/');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}

export function createMembersEndpoint(store: MrStore, data: FakeGitlabData, baseUrl: string) {
  const byId = new Map([...groupIds(data)].map(([path, id]) => [String(id), path]));
  return (request: Request, rawId: string): Response => {
    const id = decodeURIComponent(rawId);
    const group = store.hasGroup(id) ? id : byId.get(id);
    if (group === undefined) return HttpResponse.json({ message: '404 Group Not Found' }, { status: 404 });
    const url = new URL(request.url);
    const q = url.searchParams;
    const state = q.get('state');
    if (state !== null && state !== 'awaiting' && state !== 'active') return HttpResponse.json({ error: 'state does not have a valid value' }, { status: 400 });
    const sources = new Set(selfAndAncestors(group));
    // Invited groups' members are listed for the group and for its descendants ("permissions through ancestor groups").
    const lineage = selfAndAncestors(group);
    for (const share of data.groupShares ?? []) if (lineage.includes(share.group)) sources.add(share.invited);
    // One row per user: the membership with the highest access level.
    const best = new Map<number, FakeMembership>();
    for (const m of data.memberships ?? []) {
      if (!sources.has(m.group)) continue;
      if (state !== null && (m.state ?? 'active') !== state) continue;
      const seen = best.get(m.userId);
      if (!seen || (m.accessLevel ?? 30) > (seen.accessLevel ?? 30)) best.set(m.userId, m);
    }
    const rows = [...best.values()].sort((a, b) => a.userId - b.userId);
    const { rows: pageRows, headers } = offsetPage(url, rows);
    const body = pageRows.flatMap((m) => {
      const u = store.user(m.userId);
      if (!u) return [];
      return [
        {
          id: u.id,
          username: u.username,
          name: u.name,
          state: 'active',
          avatar_url: `${baseUrl}/uploads/-/system/user/avatar/${u.id}/avatar.png`,
          web_url: `${baseUrl}/${u.username}`,
          created_at: new Date(Date.parse(m.createdAt)).toISOString(),
          expires_at: null,
          access_level: m.accessLevel ?? 30,
          membership_state: m.state ?? 'active',
          group_saml_identity: null,
        },
      ];
    });
    return HttpResponse.json(body, { headers });
  };
}
