// A fake of GitLab's repository files API (`GET /api/v4/projects/:id/repository/files/:file_path/raw`),
// as gitlab.com answers it: the project and file path must be URL-encoded (an unencoded path is
// an unknown route), a bad token is a 401 even on a public project, a private project is a 404
// "Project Not Found" to anyone without access, every answer carries RateLimit-* headers (Reset
// in epoch seconds), and the throttle answers 429 text/plain "Retry later" with Retry-After.
import { http, HttpResponse, type RequestHandler } from 'msw';

export interface FakeProject {
  /** Numeric id; the API accepts it in place of the encoded path. */
  id: number;
  visibility: 'public' | 'private';
  /** ref → file path → file content */
  files: Record<string, Record<string, string>>;
  /** What a request without `ref` reads (the raw endpoint's ref is optional); default main. */
  defaultBranch?: string;
}

/** A failure the next request gets instead of its answer (consumed in order). */
export type GitlabFault = 'rate-limited' | 'server-error' | 'bad-gateway';

export interface GitlabFilesFake {
  /** project full path → project */
  projects: Record<string, FakeProject>;
  /** Tokens the fake accepts (PRIVATE-TOKEN or Authorization: Bearer). */
  tokens: string[];
  /** Failures to answer, one per request, before answering normally. */
  faults: GitlabFault[];
  /** With `persistentFault`, every request fails this way (an exhausted retry budget). */
  persistentFault?: GitlabFault;
  /** Every request the fake saw: decoded project, file and ref. */
  requests: Array<{ project: string; file: string; ref: string | null }>;
  /** The fake's clock, for RateLimit-Reset. */
  now(): Date;
}

export function gitlabFilesFake(init: Partial<GitlabFilesFake> & Pick<GitlabFilesFake, 'projects'>): GitlabFilesFake {
  return { tokens: [], faults: [], requests: [], now: () => new Date('2026-11-02T06:00:00Z'), ...init };
}

const LIMIT = 2000;

function rateLimitHeaders(fake: GitlabFilesFake, remaining: number): Record<string, string> {
  const resetEpoch = Math.floor(fake.now().getTime() / 1000) + 60;
  return {
    'RateLimit-Limit': String(LIMIT),
    'RateLimit-Observed': String(LIMIT - remaining),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(resetEpoch),
    'RateLimit-ResetTime': new Date(resetEpoch * 1000).toUTCString(),
  };
}

function faultResponse(fake: GitlabFilesFake, fault: GitlabFault): Response {
  switch (fault) {
    case 'rate-limited':
      // Rack::Attack's throttle answer on gitlab.com.
      return new HttpResponse('Retry later\n', {
        status: 429,
        headers: { 'Content-Type': 'text/plain', 'Retry-After': '60', ...rateLimitHeaders(fake, 0) },
      });
    case 'server-error':
      return HttpResponse.json({ message: '500 Internal Server Error' }, { status: 500 });
    case 'bad-gateway':
      return new HttpResponse('<!DOCTYPE html><html><head><title>GitLab is not responding (502)</title></head><body></body></html>', {
        status: 502,
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
  }
}

function findProject(fake: GitlabFilesFake, idOrPath: string): FakeProject | undefined {
  if (/^\d+$/.test(idOrPath)) return Object.values(fake.projects).find((p) => p.id === Number(idOrPath));
  return fake.projects[idOrPath];
}

/** The caller's token, if any: PRIVATE-TOKEN or a bearer header. */
function tokenOf(request: Request): string | undefined {
  const privateToken = request.headers.get('private-token');
  if (privateToken !== null) return privateToken;
  const auth = request.headers.get('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
}

export function gitlabFilesHandlers(baseUrl: string, fake: GitlabFilesFake): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    http.get(`${base}/api/v4/projects/:id/repository/files/:filePath/raw`, ({ request, params }) => {
      const id = String(params.id);
      const filePath = String(params.filePath);
      const ref = new URL(request.url).searchParams.get('ref');
      fake.requests.push({ project: id, file: filePath, ref });
      const fault = fake.faults.shift() ?? fake.persistentFault;
      if (fault) return faultResponse(fake, fault);
      const headers = rateLimitHeaders(fake, LIMIT - fake.requests.length);

      const token = tokenOf(request);
      if (token !== undefined && !fake.tokens.includes(token)) {
        return HttpResponse.json({ message: '401 Unauthorized' }, { status: 401, headers });
      }
      const project = findProject(fake, id);
      if (!project || (project.visibility === 'private' && token === undefined)) {
        return HttpResponse.json({ message: '404 Project Not Found' }, { status: 404, headers });
      }
      const content = project.files[ref || (project.defaultBranch ?? 'main')]?.[filePath];
      if (content === undefined) {
        return HttpResponse.json({ message: '404 File Not Found' }, { status: 404, headers });
      }
      return new HttpResponse(content, {
        status: 200,
        headers: {
          ...headers,
          'Content-Type': 'text/plain; charset=utf-8',
          'X-Gitlab-File-Path': filePath,
          'X-Gitlab-File-Name': filePath.split('/').pop() ?? filePath,
          'X-Gitlab-Ref': ref || (project.defaultBranch ?? 'main'),
          'X-Gitlab-Size': String(Buffer.byteLength(content)),
        },
      });
    }),
    // Any other API path (e.g. a project path sent unencoded) is an unknown route on GitLab.
    http.get(`${base}/api/v4/*`, () => HttpResponse.json({ error: '404 Not Found' }, { status: 404 })),
  ];
}
