// The Commits API: `POST /projects/:id/repository/commits` applies several file actions as one
// atomic commit, with GitLab's checks and error bodies: push rights (403 "You are not allowed to
// push into this branch"), `last_commit_id` per action (400 when the file changed since it was
// read), create of an existing file, update of a missing one, `start_branch` to create the branch.
// `GET .../commits/:sha` answers the commit (author and title, for naming a hand edit).
import { http, HttpResponse, type RequestHandler } from 'msw';
import { z } from 'zod';
import { enter, json, projectFor, writeDenied } from './access.ts';
import { applyCommit, branchFrom, type FakeCommit, type FileContent, type GitlabRepoFake, lastCommitOf } from './state.ts';

const actionSchema = z.object({
  action: z.enum(['create', 'update', 'delete', 'move', 'chmod']),
  file_path: z.string().min(1),
  content: z.string().optional(),
  encoding: z.enum(['text', 'base64']).optional(),
  last_commit_id: z.string().optional(),
});
const bodySchema = z.object({
  branch: z.string().min(1),
  commit_message: z.string().min(1),
  actions: z.array(actionSchema).min(1),
  start_branch: z.string().optional(),
  author_name: z.string().optional(),
  author_email: z.string().optional(),
});

export function commitJson(base: string, projectPath: string, commit: FakeCommit): Record<string, unknown> {
  return {
    id: commit.id,
    short_id: commit.id.slice(0, 8),
    title: commit.title,
    message: commit.message,
    author_name: commit.authorName,
    author_email: commit.authorEmail,
    authored_date: commit.createdAt,
    committer_name: commit.authorName,
    committer_email: commit.authorEmail,
    committed_date: commit.createdAt,
    created_at: commit.createdAt,
    parent_ids: commit.parentId ? [commit.parentId] : [],
    web_url: `${base}/${projectPath}/-/commit/${commit.id}`,
  };
}

/** Whether the caller may push to `branch`: Developer on an unprotected branch, Maintainer on a protected one. */
export function canPush(accessLevel: number, protectedBranch: boolean): boolean {
  return protectedBranch ? accessLevel >= 40 : accessLevel >= 30;
}

export function commitHandlers(base: string, fake: GitlabRepoFake): RequestHandler[] {
  return [
    http.get(`${base}/api/v4/projects/:id/repository/commits/:sha`, ({ request, params }) => {
      const entry = enter(fake, request, 'commit', { project: String(params.id), path: String(params.sha) });
      if (entry.response) return entry.response;
      const found = projectFor(fake, entry.caller, String(params.id));
      if ('response' in found) return found.response;
      const commit = (fake.commits[found.path] ?? []).find((c) => c.id === params.sha || c.id.startsWith(String(params.sha)));
      if (!commit) return json(fake, { message: '404 Commit Not Found' }, 404);
      return json(fake, commitJson(base, found.path, commit));
    }),
    http.post(`${base}/api/v4/projects/:id/repository/commits`, async ({ request, params }) => {
      const entry = enter(fake, request, 'commits', { project: String(params.id) });
      // A held commit is applied when released (another process's read overtakes it).
      const wait = fake.hold?.(fake.requests.at(-1)!);
      if (wait) await wait;
      if (entry.response) return entry.response;
      const found = projectFor(fake, entry.caller, String(params.id));
      if ('response' in found) return found.response;
      const denied = writeDenied(fake, entry.caller);
      if (denied) return denied;
      const parsed = bodySchema.safeParse(await request.json().catch(() => undefined));
      if (!parsed.success) return json(fake, { error: `${parsed.error.issues[0]?.path.join('.') || 'body'} is missing` }, 400);
      const body = parsed.data;
      const hook = fake.beforeNextCommit;
      fake.beforeNextCommit = undefined;
      hook?.();

      const { project, path: projectPath } = found;
      const isProtected = (name: string) => (project.protectedBranches ?? []).includes(name);
      const level = entry.caller.token?.accessLevel ?? 0;
      if (!canPush(level, isProtected(body.branch))) return json(fake, { message: 'You are not allowed to push into this branch' }, 403);

      const exists = project.branches[body.branch] !== undefined;
      if (body.start_branch !== undefined && body.start_branch !== body.branch) {
        if (exists) return json(fake, { message: `A branch called '${body.branch}' already exists. Switch to that branch in order to make changes` }, 400);
        if (project.branches[body.start_branch] === undefined) return json(fake, { message: `Invalid reference name: ${body.start_branch}` }, 400);
      } else if (!exists) {
        return json(fake, { message: 'You can only create or edit files when you are on a branch' }, 400);
      }
      const readFrom = exists ? body.branch : (body.start_branch as string);
      const files = project.branches[readFrom] ?? {};

      const changes: Record<string, FileContent | null> = {};
      for (const action of body.actions) {
        const present = files[action.file_path] !== undefined;
        if (action.action === 'create' && present) return json(fake, { message: 'A file with this name already exists' }, 400);
        if ((action.action === 'update' || action.action === 'delete') && !present) return json(fake, { message: "A file with this name doesn't exist" }, 400);
        if (action.last_commit_id !== undefined && present && lastCommitOf(fake, projectPath, readFrom, action.file_path).id !== action.last_commit_id) {
          return json(fake, { message: fake.staleMessage ?? 'You are attempting to update a file that has changed since you started editing it.' }, 400);
        }
        if (action.action === 'delete') changes[action.file_path] = null;
        else if (action.action === 'create' || action.action === 'update') {
          const content = action.content ?? '';
          changes[action.file_path] = action.encoding === 'base64' ? new Uint8Array(Buffer.from(content, 'base64')) : content;
        } else return json(fake, { message: `${action.action} is not supported by this fake` }, 400);
      }
      if (!exists) branchFrom(fake, projectPath, body.branch, readFrom);
      const [title = body.commit_message] = body.commit_message.split('\n');
      const commit = applyCommit(fake, projectPath, body.branch, changes, {
        title,
        message: body.commit_message,
        authorName: body.author_name ?? entry.caller.token?.name ?? 'unknown',
        authorEmail: body.author_email ?? `${entry.caller.token?.username ?? 'unknown'}@noreply.example.com`,
      });
      const lost = fake.loseNextCommitAnswer;
      fake.loseNextCommitAnswer = undefined;
      // Applied, but the caller never learns it: the proxy's 502 page, or a body cut short.
      if (lost === 'bad-gateway') return new HttpResponse('<!DOCTYPE html><html><head><title>GitLab is not responding (502)</title></head><body></body></html>', { status: 502, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      if (lost === 'unparsable') return new HttpResponse('{"id":"', { status: 201, headers: { 'Content-Type': 'application/json' } });
      return json(fake, { ...commitJson(base, projectPath, commit), stats: { additions: 0, deletions: 0, total: 0 }, status: null, project_id: project.id }, 201);
    }),
  ];
}
