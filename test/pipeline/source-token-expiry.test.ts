// Issue 18 item 9 for the sources: verify reads the expiry of every `gitlab` source token from
// GET /personal_access_tokens/self (the sources' fake answers as doc/api/personal_access_tokens.md
// shows; demo/fakes/gitlab/README.md) and warns from 30 days ahead, in the log and the run summary,
// once per env var name however many sources share the token.
import { describe, expect, it } from 'vitest';
import { createFakeGitlab } from '@community-pulse/demo/fakes/gitlab/index';
import { gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { HEROES_YAML } from '../sources/repo-file/fixtures.ts';
import { cli } from '../cli/helpers.ts';
import { tempDir } from '../hostile/spawn.ts';
import { server } from '../msw-server.ts';

const GITLAB = 'https://gitlab.expiry.test';
const SHARED = 'glpat-SharedSourceToken0123456';
const OTHER = 'glpat-OtherSourceToken01234567';

function goals(): string {
  const metric = (id: string, source: string) => [`  - id: ${id}`, `    name: ${id}`, '    definition: MRs', `    source: ${source}`, '    query: { kind: merged_mrs, group: gitlab-org }'];
  return [
    'version: 1',
    'report: { title: T, org: O, base_path: /x/ }',
    'sources:',
    `  gitlab-a: { type: gitlab, url: ${GITLAB}, token_env: PULSE_GITLAB_TOKEN }`,
    `  gitlab-b: { type: gitlab, url: ${GITLAB}, token_env: PULSE_GITLAB_TOKEN, requests_per_minute: 100 }`,
    `  gitlab-c: { type: gitlab, url: ${GITLAB}, token_env: PULSE_OTHER_TOKEN }`,
    'metrics:',
    ...metric('a', 'gitlab-a'),
    ...metric('b', 'gitlab-b'),
    ...metric('c', 'gitlab-c'),
    '',
  ].join('\n');
}

// The tests' clock is 2026-11-02 (test/support/clock.ts).
function setup(shared: string | null, other: string | null) {
  const fake = createFakeGitlab({
    groups: ['gitlab-org'],
    users: [],
    mergeRequests: [],
    tokens: [
      { value: SHARED, scopes: ['read_api'], expiresAt: shared },
      { value: OTHER, scopes: ['read_api'], expiresAt: other },
    ],
  });
  server.use(...fake.handlers(GITLAB));
  return { fake, dir: tempDir({ 'goals.yml': goals() }), env: { PULSE_GITLAB_TOKEN: SHARED, PULSE_OTHER_TOKEN: OTHER } };
}

const selfRequests = (fake: ReturnType<typeof createFakeGitlab>) => fake.requests.filter((r) => r.path === '/api/v4/personal_access_tokens/self');

describe('gitlab source token expiry', () => {
  it('check --online warns once for a token two sources share, naming the variable and the date; one request per variable', async () => {
    const { fake, dir, env } = setup('2026-11-20', '2027-06-01');
    const result = await cli(['check', '--online', '--dry-run'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split('\n').filter((l) => l.includes('expires'));
    expect(warnings).toEqual([expect.stringContaining('warning: verify: PULSE_GITLAB_TOKEN expires on 2026-11-20, in 18 days: rotate it (Settings → Access tokens → Rotate on https://gitlab.expiry.test')]);
    expect(selfRequests(fake)).toHaveLength(2);
    for (const secret of [SHARED, OTHER]) expect(result.stderr + result.stdout).not.toContain(secret);
  });

  it('run repeats the warning in its summary', async () => {
    const { dir, env } = setup('2027-03-01', '2026-11-03');
    const result = await cli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const summary = result.stderr.slice(result.stderr.indexOf('summary: exit'));
    expect(summary).toContain('warning: summary: PULSE_OTHER_TOKEN expires on 2026-11-03, in 1 day');
    expect(summary).not.toContain('PULSE_GITLAB_TOKEN');
  });

  it('more than 30 days ahead, or no expiry date: no warning', async () => {
    const { dir, env } = setup('2026-12-03', null);
    const result = await cli(['check', '--online', '--dry-run'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('expires');
  });

  it('the fake answers 401 for an unknown token, and the expiry of any valid token whatever its scopes', async () => {
    const fake = createFakeGitlab({ groups: [], users: [], mergeRequests: [], tokens: [{ value: SHARED, scopes: ['read_repository'], expiresAt: '2027-01-31' }] });
    server.use(...fake.handlers(GITLAB));
    const ask = (token: string) => fetch(`${GITLAB}/api/v4/personal_access_tokens/self`, { headers: { 'PRIVATE-TOKEN': token } });
    const ok = await ask(SHARED);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ expires_at: '2027-01-31', scopes: ['read_repository'], active: true });
    expect((await ask('glpat-unknown-token-000000')).status).toBe(401);
  });

  it('a repo-file source reads its GitLab token too; a token the handbook or a gitlab source also uses is asked and warned once', async () => {
    const FILES = 'https://files.expiry.test';
    const repo = gitlabRepoFake({ projects: { 'devrel/heroes': { id: 9, visibility: 'private', branches: { main: { 'heroes.yml': HEROES_YAML } } } }, tokens: [{ value: SHARED, expiresAt: '2026-11-10' }] });
    server.use(...gitlabRepoHandlers(FILES, repo));
    const { fake, env } = setup('2026-11-10', null);
    const text = goals().replace(
      'metrics:',
      `  heroes: { type: repo-file, url: ${FILES}, project: devrel/heroes, token_env: PULSE_GITLAB_TOKEN }\nmetrics:\n  - { id: talks, name: Talks, definition: Talks., source: heroes, query: { kind: count_entries, file: heroes.yml } }`,
    );
    const dir = tempDir({ 'goals.yml': text });
    const result = await cli(['check', '--online', '--dry-run'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.split('\n').filter((l) => l.includes('expires'))).toHaveLength(1);
    expect(result.stderr).toContain('PULSE_GITLAB_TOKEN expires on 2026-11-10, in 8 days');
    // One request for PULSE_GITLAB_TOKEN (to whichever source came first) and one for PULSE_OTHER_TOKEN.
    const repoSelf = repo.requests.filter((r) => r.api === 'token').length;
    expect(selfRequests(fake).length + repoSelf).toBe(2);
  });
});
