// Merge requests and their notes: list (filters source_branch, target_branch, state; paged with
// x-next-page and Link like every GitLab list), create (409
// with GitLab's body when an open MR already exists for the source branch), update, and notes
// list / create / edit. Developer role and the api scope are needed to write.
import { http, type RequestHandler } from 'msw';
import { z } from 'zod';
import { enter, type Entry, json, pageOf, type ProjectAccess, projectFor, writeDenied } from './access.ts';
import type { FakeMergeRequest, GitlabRepoFake } from './state.ts';

const createSchema = z.object({
  source_branch: z.string().min(1),
  target_branch: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  remove_source_branch: z.boolean().optional(),
});
const updateSchema = z.object({ title: z.string().optional(), description: z.string().optional(), state_event: z.enum(['close', 'reopen']).optional() });
const noteSchema = z.object({ body: z.string().min(1) });

function mrJson(base: string, mr: FakeMergeRequest): Record<string, unknown> {
  return {
    id: mr.id,
    iid: mr.iid,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    source_branch: mr.sourceBranch,
    target_branch: mr.targetBranch,
    author: { username: mr.authorUsername },
    web_url: `${base}/${mr.project}/-/merge_requests/${mr.iid}`,
  };
}

export function mergeRequestHandlers(base: string, fake: GitlabRepoFake): RequestHandler[] {
  const mrPath = `${base}/api/v4/projects/:id/merge_requests`;
  const find = (project: string, iid: unknown) => fake.mergeRequests.find((m) => m.project === project && m.iid === Number(iid));
  /** What every endpoint here checks first: the gate (rate limit, token), the project, and for a write the api scope. */
  const begin = (request: Request, id: unknown, api: 'merge-requests' | 'notes', write: boolean): { response: Response } | { entry: Entry; found: Exclude<ProjectAccess, { response: Response }> } => {
    const entry = enter(fake, request, api, { project: String(id) });
    if (entry.response) return { response: entry.response };
    const found = projectFor(fake, entry.caller, String(id));
    if ('response' in found) return { response: found.response };
    const denied = write ? writeDenied(fake, entry.caller) : undefined;
    return denied ? { response: denied } : { entry, found };
  };
  return [
    http.get(mrPath, ({ request, params }) => {
      const opened = begin(request, params.id, 'merge-requests', false);
      if ('response' in opened) return opened.response;
      const { found } = opened;
      const q = new URL(request.url).searchParams;
      const list = fake.mergeRequests.filter(
        (m) =>
          m.project === found.path &&
          (!q.get('state') || q.get('state') === 'all' || m.state === q.get('state')) &&
          (!q.get('source_branch') || m.sourceBranch === q.get('source_branch')) &&
          (!q.get('target_branch') || m.targetBranch === q.get('target_branch')),
      );
      // Newest first, paged like every GitLab list (x-next-page and Link).
      return pageOf(
        fake,
        new URL(request.url),
        [...list].reverse().map((m) => mrJson(base, m)),
      );
    }),
    http.post(mrPath, async ({ request, params }) => {
      const opened = begin(request, params.id, 'merge-requests', true);
      if ('response' in opened) return opened.response;
      const { entry, found } = opened;
      if ((entry.caller.token?.accessLevel ?? 0) < 30) return json(fake, { message: '403 Forbidden' }, 403);
      const body = createSchema.safeParse(await request.json().catch(() => undefined));
      if (!body.success) return json(fake, { error: `${body.error.issues[0]?.path.join('.') || 'body'} is missing` }, 400);
      const open = fake.mergeRequests.find((m) => m.project === found.path && m.state === 'opened' && m.sourceBranch === body.data.source_branch && m.targetBranch === body.data.target_branch);
      if (open) return json(fake, { message: [`Another open merge request already exists for this source branch: !${open.iid}`] }, 409);
      if (found.project.branches[body.data.source_branch] === undefined) return json(fake, { message: [`Source branch "${body.data.source_branch}" does not exist`] }, 422);
      const iid = fake.mergeRequests.filter((m) => m.project === found.path).length + 1;
      const mr: FakeMergeRequest = {
        id: 90000 + fake.mergeRequests.length,
        iid,
        project: found.path,
        title: body.data.title,
        description: body.data.description ?? '',
        state: 'opened',
        sourceBranch: body.data.source_branch,
        targetBranch: body.data.target_branch,
        authorUsername: entry.caller.token?.username ?? 'unknown',
        notes: [],
      };
      fake.mergeRequests.push(mr);
      return json(fake, mrJson(base, mr), 201);
    }),
    http.put(`${mrPath}/:iid`, async ({ request, params }) => {
      const opened = begin(request, params.id, 'merge-requests', true);
      if ('response' in opened) return opened.response;
      const { found } = opened;
      const mr = find(found.path, params.iid);
      if (!mr) return json(fake, { message: '404 Not found' }, 404);
      const body = updateSchema.parse(await request.json().catch(() => ({})));
      if (body.title !== undefined) mr.title = body.title;
      if (body.description !== undefined) mr.description = body.description;
      if (body.state_event) mr.state = body.state_event === 'close' ? 'closed' : 'opened';
      return json(fake, mrJson(base, mr));
    }),
    http.get(`${mrPath}/:iid/notes`, ({ request, params }) => {
      const opened = begin(request, params.id, 'notes', false);
      if ('response' in opened) return opened.response;
      const { found } = opened;
      const mr = find(found.path, params.iid);
      if (!mr) return json(fake, { message: '404 Not found' }, 404);
      return json(
        fake,
        mr.notes.map((n) => ({ id: n.id, body: n.body, author: { username: n.authorUsername }, system: false })),
      );
    }),
    http.post(`${mrPath}/:iid/notes`, async ({ request, params }) => {
      const opened = begin(request, params.id, 'notes', true);
      if ('response' in opened) return opened.response;
      const { entry, found } = opened;
      const mr = find(found.path, params.iid);
      const body = noteSchema.safeParse(await request.json().catch(() => undefined));
      if (!mr) return json(fake, { message: '404 Not found' }, 404);
      if (!body.success) return json(fake, { error: 'body is missing' }, 400);
      const note = { id: 5000 + mr.notes.length, body: body.data.body, authorUsername: entry.caller.token?.username ?? 'unknown' };
      mr.notes.push(note);
      return json(fake, { id: note.id, body: note.body, author: { username: note.authorUsername }, system: false }, 201);
    }),
    http.put(`${mrPath}/:iid/notes/:noteId`, async ({ request, params }) => {
      const opened = begin(request, params.id, 'notes', true);
      if ('response' in opened) return opened.response;
      const { found } = opened;
      const note = find(found.path, params.iid)?.notes.find((n) => n.id === Number(params.noteId));
      const body = noteSchema.safeParse(await request.json().catch(() => undefined));
      if (!note) return json(fake, { message: '404 Not found' }, 404);
      if (!body.success) return json(fake, { error: 'body is missing' }, 400);
      note.body = body.data.body;
      return json(fake, { id: note.id, body: note.body, author: { username: note.authorUsername }, system: false });
    }),
  ];
}
