// repo-file against the fake GitLab files API: one read per file and ref, tokens, 401/404,
// throttling and server errors, and the token never shown.
import { beforeEach, describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { repoFileSource } from '../../../src/sources/repo-file/index.ts';
import { gitlabRepoFake, gitlabRepoHandlers, type GitlabRepoFake } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { server } from '../../msw-server.ts';
import { harness, rejectionOf } from '../youtube/harness.ts';
import { HEROES_CSV, HEROES_YAML } from './fixtures.ts';

const GITLAB = 'https://gitlab.test';
const PUBLIC = 'gitlab-com/marketing/heroes';
const PRIVATE = 'gitlab-com/marketing/private-log';
const TOKEN = 'glpat-RepoFileToken-Secret-1234';
const FILE = 'data/heroes/activities.yml';
const period = (month: number) => periodOf({ year: 2026, month }, 'Europe/Berlin');

let fake: GitlabRepoFake;

function setup(config: Record<string, unknown> = {}, env: Record<string, string> = { PULSE_HEROES_TOKEN: TOKEN }) {
  const h = harness(env);
  const c = repoFileSource.createCollector(h.ctx, 'heroes', { type: 'repo-file', url: GITLAB, project: PUBLIC, ...config });
  const collect = (query: Record<string, unknown> = {}, month = 10) => c.collect({ id: 'm', query: { kind: 'count_entries', file: FILE, ...query } }, period(month));
  return { ...h, collect };
}

beforeEach(() => {
  fake = gitlabRepoFake({
    projects: {
      [PUBLIC]: { id: 4242, visibility: 'public', branches: { main: { [FILE]: HEROES_YAML, 'data/heroes.csv': HEROES_CSV }, 'fy27-archive': { [FILE]: 'activities: []\n' } } },
      [PRIVATE]: { id: 4343, visibility: 'private', branches: { main: { [FILE]: HEROES_YAML } } },
    },
    tokens: [TOKEN],
  });
  server.use(...gitlabRepoHandlers(GITLAB, fake));
});

describe('repo-file over HTTP', () => {
  it('reads each file once per run, however many metrics and periods count it', async () => {
    const { collect } = setup();
    const outcomes = await Promise.all([
      collect({}, 9),
      collect({}, 10),
      collect({ where: { type: 'talk' } }, 10),
      collect({ where: { type: 'blog' } }, 11),
      collect({ file: 'data/heroes.csv' }, 10),
      collect({ file: 'data/heroes.csv', where: { type: 'talk' } }, 10),
    ]);
    // September in Berlin: only the day 2026-09-30 (09-30T22:30Z is Oct 1 there) = 1.
    // Blogs in November: none (the only November entry is a talk) = 0. The rest: see fixtures.ts.
    expect(outcomes.map((o) => o.value)).toEqual([1, 5, 3, 0, 3, 2]);
    expect(fake.requests.map(({ project, path, ref }) => ({ project, file: path, ref }))).toEqual([
      { project: PUBLIC, file: FILE, ref: 'main' },
      { project: PUBLIC, file: 'data/heroes.csv', ref: 'main' },
    ]);
  });

  it('reads the configured ref, and a numeric project id', async () => {
    expect((await setup({ ref: 'fy27-archive' }).collect()).value).toBe(0);
    expect((await setup({ project: '4242' }).collect()).value).toBe(5);
    expect(fake.requests.map((r) => `${r.project}@${r.ref ?? ''}`)).toEqual([`${PUBLIC}@fy27-archive`, '4242@main']);
  });

  it('reads a private project with PRIVATE-TOKEN when token_env is set', async () => {
    expect((await setup({ project: PRIVATE, token_env: 'PULSE_HEROES_TOKEN' }).collect()).value).toBe(5);
  });

  it('sends no token to a public project when token_env is not set', async () => {
    let privateToken: string | null = 'unset';
    server.events.on('request:start', ({ request }) => {
      privateToken = request.headers.get('private-token');
    });
    expect((await setup().collect()).value).toBe(5);
    server.events.removeAllListeners();
    expect(privateToken).toBeNull();
  });

  it('fails as ENOTFOUND naming project, file and ref when the file is missing', async () => {
    const error = await rejectionOf(setup().collect({ file: 'data/nope.yml' }));
    expect(error).toMatchObject({ code: 'ENOTFOUND', status: 404 });
    const message = (error as Error).message;
    expect(message).toContain('data/nope.yml in gitlab-com/marketing/heroes (ref main)');
    expect(message).toContain('404 File Not Found');
  });

  it('fails as ENOTFOUND for a private project without a token, with a hint about token_env', async () => {
    const error = await rejectionOf(setup({ project: PRIVATE }).collect());
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
    expect((error as Error).message).toContain('404 Project Not Found');
    expect((error as Error & { fix: string }).fix).toContain('no token_env is set');
  });

  it('fails as EAUTH on a 401 and never shows the token', async () => {
    const wrong = 'glpat-WrongToken-Secret-987654';
    const { collect, visibleText } = setup({ token_env: 'PULSE_HEROES_TOKEN' }, { PULSE_HEROES_TOKEN: wrong });
    const error = await rejectionOf(collect());
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
    expect((error as Error).message).toContain('401 Unauthorized');
    expect((error as Error & { fix: string }).fix).toContain('PULSE_HEROES_TOKEN');
    expect(visibleText([error])).not.toContain(wrong);
  });

  it('fails with EENV when token_env names an unset variable, before any request', async () => {
    const error = await rejectionOf(setup({ token_env: 'PULSE_HEROES_TOKEN' }, {}).collect());
    expect(error).toMatchObject({ code: 'EENV' });
    expect(fake.requests).toHaveLength(0);
  });

  it('waits out a 429 (Retry-After) and then succeeds', async () => {
    fake.faults = ['rate-limited'];
    const { collect, log } = setup({ token_env: 'PULSE_HEROES_TOKEN' });
    expect((await collect()).value).toBe(5);
    expect(fake.requests).toHaveLength(2);
    expect(log.lines.some((l) => l.startsWith('retrying in 1m00s: 429'))).toBe(true);
  });

  it('fails as ETRANSIENT when the 429s last, once for every metric of the file', async () => {
    fake.persistentFault = 'rate-limited';
    const { collect, visibleText } = setup({ token_env: 'PULSE_HEROES_TOKEN' });
    const errors = await Promise.all([rejectionOf(collect()), rejectionOf(collect({ where: { type: 'talk' } }))]);
    for (const error of errors) expect(error).toMatchObject({ code: 'ETRANSIENT', status: 429 });
    expect(fake.requests).toHaveLength(5);
    expect(visibleText(errors)).not.toContain(TOKEN);
  });

  it('retries 5xx answers, and fails as ETRANSIENT when they last', async () => {
    fake.faults = ['server-error', 'bad-gateway'];
    expect((await setup().collect()).value).toBe(5);
    expect(fake.requests).toHaveLength(3);

    fake.persistentFault = 'bad-gateway';
    const error = await rejectionOf(setup().collect());
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 502 });
    expect((error as Error).message).toContain('GitLab is not responding');
  });
});
