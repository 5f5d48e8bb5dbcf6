// A fake of GitLab's repository tree and raw-file APIs, as gitlab.com answers them, for the history
// store: `GET /api/v4/projects/:id/repository/tree?path&ref&per_page&page` (offset paging with
// x-page / x-next-page / x-total / Link headers, trees before blobs, 404 "Tree Not Found" for a
// path with nothing in it) and `GET .../repository/files/:file_path/raw?ref` (404 "File Not Found").
// Project ids are numeric or the URL-encoded full path; a bad token is 401 even on a public
// project; a private project is 404 "Project Not Found" without a token.
import { http, HttpResponse, type RequestHandler } from 'msw';

export interface RepoProject {
  id: number;
  visibility: 'public' | 'private';
  /** ref → file path → content */
  refs: Record<string, Record<string, string>>;
  /** Branch used when a request names no ref. */
  defaultBranch?: string;
}

export interface RepoFilesFake {
  /** full path → project */
  projects: Record<string, RepoProject>;
  /** Tokens accepted (PRIVATE-TOKEN or Authorization: Bearer). */
  tokens: string[];
  /** Every request seen, in order. */
  requests: Array<{ api: 'tree' | 'raw' | 'other'; project: string; path: string; ref: string | null; page: string | null; token: string | undefined }>;
}

export function repoFilesFake(init: Partial<RepoFilesFake> & Pick<RepoFilesFake, 'projects'>): RepoFilesFake {
  return { tokens: [], requests: [], ...init };
}

function tokenOf(request: Request): string | undefined {
  const privateToken = request.headers.get('private-token');
  if (privateToken !== null) return privateToken;
  const auth = request.headers.get('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
}

type Access = { project: RepoProject } | { response: Response };

function access(fake: RepoFilesFake, request: Request, id: string): Access {
  const token = tokenOf(request);
  if (token !== undefined && !fake.tokens.includes(token)) return { response: HttpResponse.json({ message: '401 Unauthorized' }, { status: 401 }) };
  const project = /^\d+$/.test(id) ? Object.values(fake.projects).find((p) => p.id === Number(id)) : fake.projects[id];
  if (!project || (project.visibility === 'private' && token === undefined)) {
    return { response: HttpResponse.json({ message: '404 Project Not Found' }, { status: 404 }) };
  }
  return { project };
}

interface TreeEntry {
  id: string;
  name: string;
  type: 'tree' | 'blob';
  path: string;
  mode: string;
}

/** Direct children of `dir` ('' = root): directories first, then files, each by name. */
function children(files: Record<string, string>, dir: string): TreeEntry[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const trees = new Set<string>();
  const blobs: string[] = [];
  for (const path of Object.keys(files)) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) blobs.push(rest);
    else trees.add(rest.slice(0, slash));
  }
  const entry = (name: string, type: 'tree' | 'blob'): TreeEntry => ({
    id: Buffer.from(`${type}:${prefix}${name}`).toString('hex').slice(0, 40).padEnd(40, '0'),
    name,
    type,
    path: `${prefix}${name}`,
    mode: type === 'tree' ? '040000' : '100644',
  });
  return [...[...trees].sort().map((n) => entry(n, 'tree')), ...blobs.sort().map((n) => entry(n, 'blob'))];
}

export function repoFilesHandlers(baseUrl: string, fake: RepoFilesFake): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    http.get(`${base}/api/v4/projects/:id/repository/tree`, ({ request, params }) => {
      const url = new URL(request.url);
      const id = String(params.id);
      const dir = (url.searchParams.get('path') ?? '').replace(/^\/+|\/+$/g, '');
      fake.requests.push({ api: 'tree', project: id, path: dir, ref: url.searchParams.get('ref'), page: url.searchParams.get('page'), token: tokenOf(request) });
      const found = access(fake, request, id);
      if ('response' in found) return found.response;
      const ref = url.searchParams.get('ref') || found.project.defaultBranch || 'main';
      const files = found.project.refs[ref];
      const entries = files ? children(files, dir) : [];
      if (entries.length === 0) return HttpResponse.json({ message: '404 Tree Not Found' }, { status: 404 });

      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 20) || 20));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const totalPages = Math.max(1, Math.ceil(entries.length / perPage));
      const pageUrl = (n: number) => {
        const u = new URL(url);
        u.searchParams.set('page', String(n));
        u.searchParams.set('per_page', String(perPage));
        return u.toString();
      };
      const links = [
        ...(page < totalPages ? [`<${pageUrl(page + 1)}>; rel="next"`] : []),
        ...(page > 1 ? [`<${pageUrl(page - 1)}>; rel="prev"`] : []),
        `<${pageUrl(1)}>; rel="first"`,
        `<${pageUrl(totalPages)}>; rel="last"`,
      ];
      return HttpResponse.json(entries.slice((page - 1) * perPage, page * perPage), {
        headers: {
          'x-page': String(page),
          'x-per-page': String(perPage),
          'x-next-page': page < totalPages ? String(page + 1) : '',
          'x-prev-page': page > 1 ? String(page - 1) : '',
          'x-total': String(entries.length),
          'x-total-pages': String(totalPages),
          link: links.join(', '),
        },
      });
    }),
    http.get(`${base}/api/v4/projects/:id/repository/files/:filePath/raw`, ({ request, params }) => {
      const url = new URL(request.url);
      const id = String(params.id);
      const filePath = String(params.filePath);
      fake.requests.push({ api: 'raw', project: id, path: filePath, ref: url.searchParams.get('ref'), page: null, token: tokenOf(request) });
      const found = access(fake, request, id);
      if ('response' in found) return found.response;
      const ref = url.searchParams.get('ref');
      if (!ref) return HttpResponse.json({ error: 'ref is missing, ref is empty' }, { status: 400 });
      const content = found.project.refs[ref]?.[filePath];
      if (content === undefined) return HttpResponse.json({ message: '404 File Not Found' }, { status: 404 });
      return new HttpResponse(content, {
        headers: {
          'Content-Type': 'text/plain; charset=utf-8',
          'X-Gitlab-File-Path': filePath,
          'X-Gitlab-File-Name': filePath.split('/').pop() ?? filePath,
          'X-Gitlab-Ref': ref,
          'X-Gitlab-Size': String(Buffer.byteLength(content)),
        },
      });
    }),
    // Any other API path (e.g. a project path sent unencoded) is an unknown route on GitLab.
    http.get(`${base}/api/v4/*`, ({ request }) => {
      fake.requests.push({ api: 'other', project: '', path: new URL(request.url).pathname, ref: null, page: null, token: tokenOf(request) });
      return HttpResponse.json({ error: '404 Not Found' }, { status: 404 });
    }),
  ];
}
