// REST v4 endpoints the benchmark's naive baseline uses (the way @gitbeaker/rest scripts do it):
// GET /groups/:id/merge_requests with offset paging, and GET /users/:id to learn `bot`.
// Offset paging headers follow GitLab's: x-page, x-per-page, x-next-page ("" on the last page),
// x-prev-page, x-total and x-total-pages (both omitted above 10,000 rows) and Link (rel=prev/next/
// first/last; gitbeaker follows rel=next ONLY). Group lists include subgroup projects by default.
import { HttpResponse } from 'msw';
import { groupIds, projectIds, type FakeMergeRequest } from './data.ts';
import { offsetPage } from './paging.ts';
import type { MrStore, StateFilter } from './store.ts';

const STATES = new Set(['opened', 'closed', 'locked', 'merged', 'all']);

function badRequest(message: string): Response {
  return HttpResponse.json({ error: message }, { status: 400 });
}

function restTime(iso: string): string {
  // REST renders times with milliseconds in UTC: "2026-10-01T07:00:00.000Z".
  return new Date(Date.parse(iso)).toISOString();
}

export function createRestEndpoints(store: MrStore, baseUrl: string) {
  const gids = groupIds(store.data);
  const groupById = new Map([...gids].map(([path, id]) => [String(id), path]));
  const pids = projectIds(store.data);

  const userBasic = (id: number) => {
    const u = store.user(id);
    if (!u) return null;
    return { id: u.id, username: u.username, name: u.name, state: 'active', locked: false, avatar_url: `${baseUrl}/uploads/-/system/user/avatar/${u.id}/avatar.png`, web_url: `${baseUrl}/${u.username}` };
  };

  const mrJson = (mr: FakeMergeRequest) => ({
    id: mr.id,
    iid: mr.iid,
    project_id: pids.get(mr.project) ?? 0,
    title: `MR ${mr.iid}`,
    state: mr.state,
    merged_at: mr.mergedAt === undefined ? null : restTime(mr.mergedAt),
    labels: mr.labels,
    web_url: `${baseUrl}/${mr.project}/-/merge_requests/${mr.iid}`,
    references: { short: `!${mr.iid}`, full: `${mr.project}!${mr.iid}` },
    author: userBasic(mr.authorId),
  });

  const groupMergeRequests = (request: Request, rawId: string): Response => {
    const id = decodeURIComponent(rawId);
    const group = store.hasGroup(id) ? id : groupById.get(id);
    if (group === undefined) return HttpResponse.json({ message: '404 Group Not Found' }, { status: 404 });
    const url = new URL(request.url);
    const q = url.searchParams;
    const state = q.get('state') ?? 'all';
    if (!STATES.has(state)) return badRequest('state does not have a valid value');
    const scope = q.get('scope') ?? 'all';
    if (!['all', 'created_by_me', 'assigned_to_me'].includes(scope)) return badRequest('scope does not have a valid value');
    const times: Record<string, number> = {};
    for (const name of ['merged_after', 'merged_before'] as const) {
      const value = q.get(name);
      if (value === null) continue;
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) return badRequest(`${name} is invalid`);
      times[name] = ms;
    }
    const labels = (q.get('labels') ?? '')
      .split(',')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    // The token's user authored nothing in the data set, so the "my" scopes are empty.
    const all =
      scope === 'all'
        ? store.find({
            group,
            includeSubgroups: true,
            state: state as StateFilter,
            labels,
            ...(times.merged_after !== undefined ? { mergedAfter: times.merged_after } : {}),
            ...(times.merged_before !== undefined ? { mergedBefore: times.merged_before } : {}),
          })
        : [];
    const { rows, headers } = offsetPage(url, all);
    return HttpResponse.json(rows.map(mrJson), { headers });
  };

  const user = (rawId: string): Response => {
    const u = /^\d+$/.test(rawId) ? store.user(Number(rawId)) : undefined;
    if (!u) return HttpResponse.json({ message: '404 User Not Found' }, { status: 404 });
    return HttpResponse.json({ ...userBasic(u.id), bot: u.bot ?? false, created_at: '2020-01-01T00:00:00.000Z', bio: '', location: '', public_email: null, website_url: '', organization: '', job_title: '' });
  };

  return { groupMergeRequests, user };
}
