// A fake of GitLab's merge-request notes API, as gitlab.com answers it:
// `GET /api/v4/projects/:id/merge_requests/:iid/notes?sort&order_by&per_page&page` (offset paging:
// x-page, x-per-page, x-next-page (empty on the last page), x-total, x-total-pages and Link),
// `POST .../notes {body}` → 201, `PUT .../notes/:note_id {body}` → 200.
// Errors as GitLab sends them: 401 `{"message":"401 Unauthorized"}` for a missing or unknown token,
// 403 `{"error":"insufficient_scope",…}` when a read_api token writes, 403 `{"message":"403
// Forbidden"}` when editing another user's note, 404 `{"message":"404 Not found"}` for an unknown
// MR or note, 400 `{"error":"body is missing"}`. Project ids are numeric or the URL-encoded path.
import { http, HttpResponse, type RequestHandler } from 'msw';

export interface FakeNote {
  id: number;
  body: string;
  author: { username: string };
  system: boolean;
  created_at: string;
  updated_at: string;
}

export interface NotesToken {
  value: string;
  username: string;
  scopes: Array<'api' | 'read_api'>;
}

export interface NotesFake {
  /** "project path or id!iid" → notes, oldest first. */
  mergeRequests: Map<string, FakeNote[]>;
  tokens: NotesToken[];
  /** Writes seen, in order. */
  writes: Array<{ method: 'POST' | 'PUT'; noteId?: number; username: string }>;
  /** Pages served per GET (for paging assertions). */
  pagesServed: number;
  /** Answer the next N requests with 503 (a flaky GitLab). */
  failNext: number;
}

export type ServedNotesFake = NotesFake & { key: string; projectId: number };

export function notesFake(options: { project: string; projectId: number; iid: number; tokens: NotesToken[]; notes?: Array<Pick<FakeNote, 'body'> & Partial<FakeNote>> }): ServedNotesFake {
  const key = `${options.project}!${options.iid}`;
  const notes = (options.notes ?? []).map((n, i) => ({
    id: n.id ?? 1000 + i,
    body: n.body,
    author: n.author ?? { username: 'someone' },
    system: n.system ?? false,
    created_at: n.created_at ?? `2026-11-0${1 + (i % 9)}T10:00:00.000Z`,
    updated_at: n.updated_at ?? `2026-11-0${1 + (i % 9)}T10:00:00.000Z`,
  }));
  const fake: ServedNotesFake = {
    key,
    projectId: options.projectId,
    mergeRequests: new Map([[key, notes]]),
    tokens: options.tokens,
    writes: [],
    pagesServed: 0,
    failNext: 0,
  };
  return fake;
}

function tokenOf(request: Request, fake: NotesFake): NotesToken | undefined {
  const value = request.headers.get('private-token') ?? request.headers.get('authorization')?.replace(/^Bearer /, '');
  return value ? fake.tokens.find((t) => t.value === value) : undefined;
}

const unauthorized = () => HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 });
const notFound = () => HttpResponse.json({ message: '404 Not found' }, { status: 404 });

export function notesHandlers(baseUrl: string, fake: ServedNotesFake): RequestHandler[] {
  const root = `${baseUrl}/api/v4/projects/:project/merge_requests/:iid/notes`;
  const [projectPath] = fake.key.split('!');
  const find = (project: string, iid: string): FakeNote[] | undefined => {
    const path = /^\d+$/.test(project) && Number(project) === fake.projectId ? projectPath : decodeURIComponent(project);
    return fake.mergeRequests.get(`${path}!${iid}`);
  };
  const guard = (request: Request, write: boolean): { token: NotesToken } | { response: Response } => {
    if (fake.failNext > 0) {
      fake.failNext -= 1;
      return { response: HttpResponse.json({ message: '503 Service Unavailable' }, { status: 503 }) };
    }
    const token = tokenOf(request, fake);
    if (!token) return { response: unauthorized() };
    if (write && !token.scopes.includes('api')) {
      return {
        response: HttpResponse.json(
          { error: 'insufficient_scope', error_description: 'The request requires higher privileges than provided by the access token.', scope: 'api' },
          { status: 403, headers: { 'www-authenticate': 'Bearer realm="Protected by OAuth 2.0", error="insufficient_scope"' } },
        ),
      };
    }
    return { token };
  };
  const body = async (request: Request): Promise<string | undefined> => {
    const json = (await request.json().catch(() => ({}))) as { body?: unknown };
    return typeof json.body === 'string' && json.body.length > 0 ? json.body : undefined;
  };
  const stamp = () => new Date(Date.UTC(2026, 10, 20, 12, 0, fake.writes.length)).toISOString();

  return [
    http.get(root, ({ request, params }) => {
      const g = guard(request, false);
      if ('response' in g) return g.response;
      const notes = find(String(params.project), String(params.iid));
      if (!notes) return notFound();
      const url = new URL(request.url);
      const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 20) || 20, 1), 100);
      const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
      const asc = url.searchParams.get('sort') === 'asc';
      const ordered = asc ? notes : [...notes].reverse();
      const totalPages = Math.max(Math.ceil(ordered.length / perPage), 1);
      fake.pagesServed += 1;
      const headers = new Headers({ 'x-page': String(page), 'x-per-page': String(perPage), 'x-total': String(ordered.length), 'x-total-pages': String(totalPages), 'x-next-page': page < totalPages ? String(page + 1) : '' });
      const link = (p: number, rel: string) => {
        const u = new URL(url);
        u.searchParams.set('page', String(p));
        return `<${u.toString()}>; rel="${rel}"`;
      };
      headers.set('link', [page < totalPages ? link(page + 1, 'next') : '', link(1, 'first'), link(totalPages, 'last')].filter(Boolean).join(', '));
      return HttpResponse.json(ordered.slice((page - 1) * perPage, page * perPage), { headers });
    }),
    http.post(root, async ({ request, params }) => {
      const g = guard(request, true);
      if ('response' in g) return g.response;
      const notes = find(String(params.project), String(params.iid));
      if (!notes) return notFound();
      const text = await body(request);
      if (text === undefined) return HttpResponse.json({ error: 'body is missing' }, { status: 400 });
      const note: FakeNote = { id: 5000 + fake.writes.length, body: text, author: { username: g.token.username }, system: false, created_at: stamp(), updated_at: stamp() };
      notes.push(note);
      fake.writes.push({ method: 'POST', username: g.token.username });
      return HttpResponse.json(note, { status: 201 });
    }),
    http.put(`${root}/:noteId`, async ({ request, params }) => {
      const g = guard(request, true);
      if ('response' in g) return g.response;
      const notes = find(String(params.project), String(params.iid));
      const note = notes?.find((n) => n.id === Number(params.noteId));
      if (!note) return notFound();
      if (note.author.username !== g.token.username) return HttpResponse.json({ message: '403 Forbidden' }, { status: 403 });
      const text = await body(request);
      if (text === undefined) return HttpResponse.json({ error: 'body is missing' }, { status: 400 });
      note.body = text;
      note.updated_at = stamp();
      fake.writes.push({ method: 'PUT', noteId: note.id, username: g.token.username });
      return HttpResponse.json(note);
    }),
  ];
}
