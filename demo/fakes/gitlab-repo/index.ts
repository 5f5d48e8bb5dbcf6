// A fake of GitLab's repository APIs, as gitlab.com answers them: reads (tree, file, raw) for the
// history store and the repo-file source, and writes (Commits API, merge requests, notes) with the
// checks the handbook publisher must survive (roles, protected branches, token scopes,
// last_commit_id). One fake for every test and for the demo's handbook repository.
import { http, type RequestHandler } from 'msw';
import { commitHandlers } from './commits.ts';
import { enter, json } from './access.ts';
import { repositoryReadHandlers } from './files.ts';
import { mergeRequestHandlers } from './merge-requests.ts';
import { projectHandlers } from './project.ts';
import type { GitlabRepoFake } from './state.ts';

export { applyCommit, commitAs, gitlabRepoFake } from './state.ts';
export type { AccessLevel, FakeCommit, FakeMergeRequest, FakeProject, FakeToken, FileContent, GitlabFault, GitlabRepoFake, RepoRequest } from './state.ts';

export function gitlabRepoHandlers(baseUrl: string, fake: GitlabRepoFake): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [
    ...repositoryReadHandlers(base, fake),
    ...commitHandlers(base, fake),
    ...mergeRequestHandlers(base, fake),
    ...projectHandlers(base, fake),
    // Any other API path (e.g. a project path sent unencoded) is an unknown route on GitLab.
    http.all(`${base}/api/v4/*`, ({ request }) => {
      const entry = enter(fake, request, 'other', {});
      return entry.response ?? json(fake, { error: '404 Not Found' }, 404);
    }),
  ];
}
