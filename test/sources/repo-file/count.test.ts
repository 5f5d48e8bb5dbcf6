// repo-file counting behind the fake GitLab files API: YAML and CSV, `where`, boundary dates in
// non-UTC time zones, skipped entries counted in a note, and malformed files named in the error.
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { repoFileSource } from '../../../src/sources/repo-file/index.ts';
import { gitlabRepoFake, gitlabRepoHandlers, type GitlabRepoFake } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { server } from '../../msw-server.ts';
import { harness, rejectionOf } from '../youtube/harness.ts';
import { BOUNDARY_YAML, EVENTS_YAML, HEROES_CSV, HEROES_YAML } from './fixtures.ts';

const GITLAB = 'https://gitlab.test';
const PROJECT = 'gitlab-com/marketing/heroes';
const october = (tz: string) => periodOf({ year: 2026, month: 10 }, tz);

let fake: GitlabRepoFake;

function collector(config: Record<string, unknown> = {}) {
  const h = harness({});
  const c = repoFileSource.createCollector(h.ctx, 'heroes', { type: 'repo-file', url: GITLAB, project: PROJECT, ...config });
  const collect = (query: Record<string, unknown>, tz = 'Europe/Berlin') => c.collect({ id: 'm', query: { kind: 'count_entries', ...query } }, october(tz));
  return { ...h, collect };
}

function withFile(path: string, content: string) {
  const project = fake.projects[PROJECT];
  if (project) project.branches.main = { ...project.branches.main, [path]: content };
}

beforeEach(() => {
  fake = gitlabRepoFake({ projects: { [PROJECT]: { id: 4242, visibility: 'public', branches: { main: {} } } } });
  server.use(...gitlabRepoHandlers(GITLAB, fake));
});

describe('repo-file counting', () => {
  it('counts a YAML list under one top-level key, and notes the skipped entries', async () => {
    withFile('data/heroes/activities.yml', HEROES_YAML);
    const { collect } = collector();
    expect(await collect({ file: 'data/heroes/activities.yml' })).toEqual({
      value: 5,
      status: 'ok',
      note: '3 entries without a valid date skipped (field "date" in data/heroes/activities.yml)',
    });
    expect(fake.requests.map(({ project, path, ref }) => ({ project, file: path, ref }))).toEqual([{ project: PROJECT, file: 'data/heroes/activities.yml', ref: 'main' }]);
  });

  it('filters with where, counting only matching entries (and their skipped ones)', async () => {
    withFile('data/heroes/activities.yml', HEROES_YAML);
    const { collect } = collector();
    expect(await collect({ file: 'data/heroes/activities.yml', where: { type: 'talk' } })).toEqual({
      value: 3,
      status: 'ok',
      note: '2 entries without a valid date skipped (field "date" in data/heroes/activities.yml)',
    });
    expect(await collect({ file: 'data/heroes/activities.yml', where: { type: 'blog' } })).toMatchObject({ value: 1, note: expect.stringMatching(/^1 entry without/) });
    expect(await collect({ file: 'data/heroes/activities.yml', where: { type: 'workshop' } })).toEqual({ value: 1, status: 'ok' });
    expect(await collect({ file: 'data/heroes/activities.yml', where: { type: 'podcast' } })).toEqual({ value: 0, status: 'ok' });
  });

  it('counts a YAML list at the top level; a list field matches when it contains the value', async () => {
    withFile('events.yaml', EVENTS_YAML);
    const { collect } = collector();
    expect(await collect({ file: 'events.yaml' })).toEqual({ value: 3, status: 'ok' });
    expect(await collect({ file: 'events.yaml', where: { tags: 'talk' } })).toEqual({ value: 2, status: 'ok' });
    expect(await collect({ file: 'events.yaml', where: { public: true, tags: 'talk' } })).toEqual({ value: 2, status: 'ok' });
  });

  it('counts CSV rows by the header, with where on string values', async () => {
    withFile('data/heroes.csv', HEROES_CSV);
    const { collect } = collector();
    expect(await collect({ file: 'data/heroes.csv' })).toEqual({ value: 3, status: 'ok', note: '2 entries without a valid date skipped (field "date" in data/heroes.csv)' });
    expect(await collect({ file: 'data/heroes.csv', where: { type: 'talk' } })).toEqual({ value: 2, status: 'ok', note: '1 entry without a valid date skipped (field "date" in data/heroes.csv)' });
    expect(await collect({ file: 'data/heroes.csv', where: { public: true } })).toMatchObject({ value: 2 });
  });

  it('uses another date field when told to', async () => {
    withFile('meetups.csv', 'event_date,city\n2026-10-10,Berlin\n2026-10-11,Paris\n2026-09-11,Rome\n');
    expect(await collector().collect({ file: 'meetups.csv', date_field: 'event_date' })).toEqual({ value: 2, status: 'ok' });
  });

  it.each([
    ['Europe/Berlin', 5],
    ['UTC', 7],
    ['Asia/Tokyo', 4],
  ])('puts boundary dates in the right month in %s', async (tz, expected) => {
    withFile('boundary.yml', BOUNDARY_YAML);
    expect(await collector().collect({ file: 'boundary.yml' }, tz)).toEqual({ value: expected, status: 'ok' });
  });

  it.each([
    ['an empty YAML file', 'empty.yml', ''],
    ['a YAML key with no entries', 'empty.yml', 'activities:\n'],
    ['an empty YAML list', 'empty.yml', 'activities: []\n'],
    ['a CSV file with only its header', 'empty.csv', 'date,type\n'],
  ])('counts 0 for %s', async (_name, file, content) => {
    withFile(file, content);
    expect(await collector().collect({ file })).toEqual({ value: 0, status: 'ok' });
  });

  it('fails on malformed YAML with an error naming the file, ref and line', async () => {
    withFile('data/heroes/activities.yml', 'activities:\n  - date: 2026-10-01\n    type: [talk\n  - date: 2026-10-02\n');
    const error = await rejectionOf(collector().collect({ file: 'data/heroes/activities.yml' }));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    const message = (error as Error).message;
    expect(message).toMatch(/^data\/heroes\/activities\.yml in gitlab-com\/marketing\/heroes \(ref main\): is not valid YAML: .* at line \d+, column \d+/);
    expect(message).not.toContain('\n');
  });

  it('fails on a YAML mapping that holds no single list', async () => {
    withFile('bad.yml', 'talks: []\nblogs: []\n');
    const error = await rejectionOf(collector().collect({ file: 'bad.yml' }));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    expect((error as Error).message).toContain('found a mapping with 2 keys (talks, blogs)');
  });

  it('fails on malformed CSV with an error naming the file', async () => {
    withFile('bad.csv', 'date,type\n2026-10-01,talk\n2026-10-02,talk,extra\n');
    const error = await rejectionOf(collector().collect({ file: 'bad.csv' }));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    expect((error as Error).message).toMatch(/^bad\.csv in gitlab-com\/marketing\/heroes \(ref main\): is not valid CSV: /);
  });

  it('fails as EQUERY when no entry has the date field', async () => {
    withFile('meetups.csv', 'event_date,city\n2026-10-10,Berlin\n');
    const error = await rejectionOf(collector().collect({ file: 'meetups.csv' }));
    expect(error).toMatchObject({ code: 'EQUERY' });
    expect((error as Error).message).toContain('no entry has the date field "date" (fields: event_date, city)');
  });

  it('fails as EBADRESPONSE when a proxy answers with an HTML page', async () => {
    server.use(http.get(`${GITLAB}/api/v4/projects/:id/repository/files/:file/raw`, () => new HttpResponse('<!DOCTYPE html><html><head><title>Sign in · GitLab</title></head><body></body></html>', { headers: { 'Content-Type': 'text/html' } })));
    await expect(collector().collect({ file: 'data/heroes/activities.yml' })).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });
});
