// Repository reads: the tree (offset paging with x-page / x-next-page / x-total / Link headers,
// trees before blobs; 404 "Tree Not Found" when the REF does not exist, 404 "invalid revision or
// path Not Found" when the ref exists but the path does not — see README.md), the file as JSON
// (base64 content, last_commit_id, content_sha256; HEAD answers the same headers without a body)
// and the raw file (404 "File Not Found").
import { createHash } from 'node:crypto';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { enter, held, json, pageOf, projectFor, rateLimitHeaders } from './access.ts';
import { contentBytes, type FileContent, type GitlabRepoFake, headOf, lastCommitOf } from './state.ts';

interface TreeEntry {
  id: string;
  name: string;
  type: 'tree' | 'blob';
  path: string;
  mode: string;
}

/** Direct children of `dir` ('' = root): directories first, then files, each by name. */
function children(files: Record<string, FileContent>, dir: string): TreeEntry[] {
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

function treeHandler(base: string, fake: GitlabRepoFake): RequestHandler {
  return http.get(`${base}/api/v4/projects/:id/repository/tree`, ({ request, params }) => {
    const url = new URL(request.url);
    const id = String(params.id);
    const dir = (url.searchParams.get('path') ?? '').replace(/^\/+|\/+$/g, '');
    const entry = enter(fake, request, 'tree', { project: id, path: dir, ref: url.searchParams.get('ref'), page: url.searchParams.get('page') });
    if (entry.response) return entry.response;
    const found = projectFor(fake, entry.caller, id);
    if ('response' in found) return found.response;
    const ref = url.searchParams.get('ref') || found.project.defaultBranch || 'main';
    const files = found.project.branches[ref];
    // lib/api/repositories.rb: `not_found!("Tree") unless tree_finder.commit_exists?` — the ref;
    // a path that is not in the tree raises Gitaly's IndexError, answered as not_found!(e.message).
    if (!files) return json(fake, { message: '404 Tree Not Found' }, 404);
    const entries = children(files, dir);
    if (entries.length === 0 && dir !== '') return json(fake, { message: '404 invalid revision or path Not Found' }, 404);
    return pageOf(fake, url, entries);
  });
}

type FileLookup = { response: Response } | { bytes: Buffer; ref: string; projectPath: string };

function lookup(fake: GitlabRepoFake, request: Request, api: 'raw' | 'file', id: string, filePath: string, refRequired: boolean): FileLookup {
  const ref = new URL(request.url).searchParams.get('ref');
  const entry = enter(fake, request, api, { project: id, path: filePath, ref });
  if (entry.response) return { response: entry.response };
  const found = projectFor(fake, entry.caller, id);
  if ('response' in found) return found;
  if (refRequired && !ref) return { response: json(fake, { error: 'ref is missing, ref is empty' }, 400) };
  const branch = ref || found.project.defaultBranch || 'main';
  const content = found.project.branches[branch]?.[filePath];
  if (content === undefined) return { response: json(fake, { message: '404 File Not Found' }, 404) };
  return { bytes: contentBytes(content), ref: branch, projectPath: found.path };
}

function fileHandlers(base: string, fake: GitlabRepoFake): RequestHandler[] {
  const answerFile = (request: Request, id: string, filePath: string, withBody: boolean): Response => {
    const found = lookup(fake, request, 'file', id, filePath, true);
    if ('response' in found) return found.response;
    const last = lastCommitOf(fake, found.projectPath, found.ref, filePath);
    const head = headOf(fake, found.projectPath, found.ref);
    const sha256 = createHash('sha256').update(found.bytes).digest('hex');
    const blobId = createHash('sha1').update(`blob ${found.bytes.length}\0`).update(found.bytes).digest('hex');
    const headers = {
      ...rateLimitHeaders(fake),
      'X-Gitlab-Blob-Id': blobId,
      'X-Gitlab-Commit-Id': head.id,
      'X-Gitlab-Content-Sha256': sha256,
      'X-Gitlab-Encoding': 'base64',
      'X-Gitlab-File-Name': filePath.split('/').pop() ?? filePath,
      'X-Gitlab-File-Path': filePath,
      'X-Gitlab-Last-Commit-Id': last.id,
      'X-Gitlab-Ref': found.ref,
      'X-Gitlab-Size': String(found.bytes.length),
      'X-Gitlab-Execute-Filemode': 'false',
    };
    if (!withBody) return new HttpResponse(null, { status: 200, headers });
    const corrupt = fake.corruptNextFileAnswer === true;
    fake.corruptNextFileAnswer = false;
    const content = found.bytes.toString('base64');
    return HttpResponse.json(
      {
        file_name: filePath.split('/').pop() ?? filePath,
        file_path: filePath,
        size: found.bytes.length,
        encoding: 'base64',
        content_sha256: sha256,
        ref: found.ref,
        blob_id: blobId,
        commit_id: head.id,
        last_commit_id: last.id,
        execute_filemode: false,
        // A damaged answer: characters base64 does not have, which a lenient decoder skips.
        content: corrupt ? `${content.slice(0, 4)}#!${content.slice(4)}` : content,
      },
      { headers },
    );
  };
  return [
    http.get(`${base}/api/v4/projects/:id/repository/files/:filePath/raw`, ({ request, params }) => {
      const found = lookup(fake, request, 'raw', String(params.id), String(params.filePath), false);
      if ('response' in found) return found.response;
      const filePath = String(params.filePath);
      return new HttpResponse(new Uint8Array(found.bytes), {
        status: 200,
        headers: {
          ...rateLimitHeaders(fake),
          'Content-Type': 'text/plain; charset=utf-8',
          'X-Gitlab-File-Path': filePath,
          'X-Gitlab-File-Name': filePath.split('/').pop() ?? filePath,
          'X-Gitlab-Ref': found.ref,
          'X-Gitlab-Size': String(found.bytes.length),
        },
      });
    }),
    http.head(`${base}/api/v4/projects/:id/repository/files/:filePath`, ({ request, params }) => answerFile(request, String(params.id), String(params.filePath), false)),
    http.get(`${base}/api/v4/projects/:id/repository/files/:filePath`, ({ request, params }) => held(fake, answerFile(request, String(params.id), String(params.filePath), true))),
  ];
}

export function repositoryReadHandlers(base: string, fake: GitlabRepoFake): RequestHandler[] {
  return [treeHandler(base, fake), ...fileHandlers(base, fake)];
}
