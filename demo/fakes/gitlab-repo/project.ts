// Who may do what: `GET /projects/:id` (permissions.project_access.access_level: 30 Developer,
// 40 Maintainer), `GET /projects/:id/repository/branches/:branch` (protected, can_push for the
// caller; 404 "Branch Not Found"), and `GET /personal_access_tokens/self` (scopes and expires_at,
// "YYYY-MM-DD" or null, as doc/api/personal_access_tokens.md "Self-inform" and its example responses
// show; answers for project and group access tokens too).
import { http, type RequestHandler } from 'msw';
import { canPush, commitJson } from './commits.ts';
import { enter, json, projectFor } from './access.ts';
import type { GitlabRepoFake } from './state.ts';
import { headOf } from './state.ts';

export function projectHandlers(base: string, fake: GitlabRepoFake): RequestHandler[] {
  return [
    http.get(`${base}/api/v4/personal_access_tokens/self`, ({ request }) => {
      const entry = enter(fake, request, 'token', {});
      if (entry.response) return entry.response;
      const token = entry.caller.token;
      if (!token) return json(fake, { message: '401 Unauthorized' }, 401);
      return json(fake, { id: 4711, name: token.name, revoked: false, created_at: '2026-01-05T09:00:00.000Z', scopes: token.scopes, user_id: 9001, last_used_at: fake.now().toISOString(), active: true, expires_at: token.expiresAt });
    }),
    http.get(`${base}/api/v4/projects/:id/repository/branches/:branch`, ({ request, params }) => {
      const entry = enter(fake, request, 'branch', { project: String(params.id), path: String(params.branch) });
      if (entry.response) return entry.response;
      const found = projectFor(fake, entry.caller, String(params.id));
      if ('response' in found) return found.response;
      const name = String(params.branch);
      if (found.project.branches[name] === undefined) return json(fake, { message: '404 Branch Not Found' }, 404);
      const isProtected = (found.project.protectedBranches ?? []).includes(name);
      return json(fake, {
        name,
        merged: false,
        protected: isProtected,
        default: name === (found.project.defaultBranch ?? 'main'),
        developers_can_push: !isProtected,
        developers_can_merge: !isProtected,
        can_push: Boolean(entry.caller.token?.scopes.includes('api')) && canPush(entry.caller.token?.accessLevel ?? 0, isProtected),
        web_url: `${base}/${found.path}/-/tree/${name}`,
        commit: commitJson(base, found.path, headOf(fake, found.path, name)),
      });
    }),
    http.get(`${base}/api/v4/projects/:id`, ({ request, params }) => {
      const entry = enter(fake, request, 'project', { project: String(params.id) });
      if (entry.response) return entry.response;
      const found = projectFor(fake, entry.caller, String(params.id));
      if ('response' in found) return found.response;
      const level = entry.caller.token?.accessLevel;
      return json(fake, {
        id: found.project.id,
        name: found.path.split('/').pop(),
        path_with_namespace: found.path,
        default_branch: found.project.defaultBranch ?? 'main',
        visibility: found.project.visibility,
        web_url: `${base}/${found.path}`,
        permissions: { project_access: level === undefined ? null : { access_level: level, notification_level: 3 }, group_access: null },
      });
    }),
  ];
}
