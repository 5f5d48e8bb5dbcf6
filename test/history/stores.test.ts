// History stores: a local directory round trip, and the GitLab store against a fake that pages,
// 404s and authenticates like gitlab.com.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitlabRepoStore } from '../../src/history/gitlab-store.ts';
import { LocalDirStore } from '../../src/history/local-store.ts';
import { publicSnapshot } from '../../src/history/public.ts';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { memoryLogger } from '../../src/log.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { goalsWith, snap } from '../evaluate/fixtures.ts';
import { type GitlabRepoFake, gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { server } from '../msw-server.ts';

const goals = goalsWith([
  { id: 'contributors', target: { monthly: 170 } },
  { id: 'ocma', target: { monthly: 24, direction: 'lower' } },
]);

function snapshotOf(label: string, value: number): Snapshot {
  const s = snap(goals, label, {
    contributors: { value, status: 'ok', contributors: [{ username: 'al', name: 'Al', count: 2, webUrl: 'https://gitlab.com/al', firstTime: true }] },
    ocma: 'unavailable',
  });
  return { ...s, metrics: { ...s.metrics, contributors: { ...s.metrics.contributors!, health: { level: 3, reasons: ['fine'] } } } };
}

describe('LocalDirStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pulse-history-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads back exactly what it wrote, as pretty JSON with a trailing newline', async () => {
    const log = memoryLogger();
    const store = new LocalDirStore(join(dir, 'data'), log);
    expect(await store.list()).toEqual([]); // no directory yet = no history
    const written = [snapshotOf('2026-10', 182), snapshotOf('2026-09', 175)];
    for (const s of written) await store.write(s);
    expect(await store.list()).toEqual(['2026-09', '2026-10']);
    // What is stored is the public form: a source's error becomes plain words (history/public.ts).
    expect(await store.read('2026-10')).toEqual(publicSnapshot(written[0]!));
    const all = await store.readAll();
    expect([...all.keys()]).toEqual(['2026-09', '2026-10']);
    expect(all.get('2026-09')).toEqual(publicSnapshot(written[1]!));
    const text = await readFile(join(dir, 'data', '2026-10.json'), 'utf8');
    expect(text).toBe(serializeSnapshot(written[0]!));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schema_version": 1,');
    expect(await readdir(join(dir, 'data'))).toEqual(['2026-09.json', '2026-10.json']); // no temp files left
    expect(log.lines).toEqual([]);
  });

  it('writes the same bytes whatever order the fields arrived in', async () => {
    const s = snapshotOf('2026-10', 182);
    const shuffled = JSON.parse(JSON.stringify({ metrics: s.metrics, generator: s.generator, period: s.period, schema_version: 1, timezone: s.timezone, generated_at: s.generated_at })) as Snapshot;
    expect(serializeSnapshot(shuffled)).toBe(serializeSnapshot(s));
  });

  it('skips a bad file, a future schema_version and a misnamed period with a warning naming the file', async () => {
    const log = memoryLogger();
    const store = new LocalDirStore(dir, log);
    await store.write(snapshotOf('2026-10', 182));
    await writeFile(join(dir, '2026-07.json'), '{ not json');
    await writeFile(join(dir, '2026-08.json'), JSON.stringify({ ...snapshotOf('2026-08', 1), schema_version: 2 }));
    await writeFile(join(dir, '2026-09.json'), JSON.stringify(snapshotOf('2026-06', 1)));
    await writeFile(join(dir, '2026-05.json'), JSON.stringify({ schema_version: 1, period: '2026-05' }));
    await writeFile(join(dir, 'README.md'), 'not a snapshot');
    const all = await store.readAll();
    expect([...all.keys()]).toEqual(['2026-10']);
    expect(log.lines).toHaveLength(4);
    expect(log.lines[0]).toBe(`warning: history: skipped ${join(dir, '2026-05.json')}: not a valid snapshot (timezone: Invalid input: expected string, received undefined)`);
    expect(log.lines[1]).toMatch(new RegExp(`^warning: history: skipped ${join(dir, '2026-07.json')}: not valid JSON`));
    expect(log.lines[2]).toBe(`warning: history: skipped ${join(dir, '2026-08.json')}: schema_version 2 was written by a newer community-pulse (this one reads version 1); upgrade community-pulse`);
    expect(log.lines[3]).toBe(`warning: history: skipped ${join(dir, '2026-09.json')}: it holds period 2026-06, not 2026-09`);
  });
});

describe('GitlabRepoStore', () => {
  const TOKEN = 'glpat-HISTORYsecret1234567';
  const base = 'https://gitlab.example.com';
  const dataDir = 'data/developer_relations/pulse';
  let fake: GitlabRepoFake;

  function files(count: number): Record<string, string> {
    const out: Record<string, string> = { [`${dataDir}/README.md`]: '# history', 'content/page.md': '# page' };
    for (let i = 0; i < count; i++) {
      const year = 2020 + Math.floor(i / 12);
      const label = `${year}-${String((i % 12) + 1).padStart(2, '0')}`;
      out[`${dataDir}/${label}.json`] = serializeSnapshot(snapshotOf(label, 100 + i));
    }
    return out;
  }

  function store(overrides: { token?: string; dataDir?: string; project?: string; ref?: string } = {}) {
    const masker = new SecretMasker();
    masker.add(TOKEN);
    const log = memoryLogger();
    const http = createHttpClient({ masker, log, sleep: async () => {}, now: () => Date.parse('2026-11-02T06:00:00Z') });
    const s = new GitlabRepoStore({
      http,
      url: base,
      project: overrides.project ?? 'gitlab-com/content-sites/handbook',
      ref: overrides.ref ?? 'main',
      dataDir: overrides.dataDir ?? dataDir,
      token: 'token' in overrides ? overrides.token : TOKEN,
      tokenEnv: 'PULSE_HANDBOOK_TOKEN',
      log,
    });
    return { store: s, log, http };
  }

  function serve(fileMap: Record<string, string>, visibility: 'public' | 'private' = 'private') {
    fake = gitlabRepoFake({ projects: { 'gitlab-com/content-sites/handbook': { id: 7, visibility, branches: { main: fileMap } } }, tokens: [TOKEN] });
    server.use(...gitlabRepoHandlers(base, fake));
  }

  it('pages the tree 100 entries at a time and reads each snapshot once', async () => {
    serve(files(250));
    const { store: s, http } = store();
    const all = await s.readAll();
    expect(all.size).toBe(250);
    expect(all.get('2020-01')?.metrics.contributors?.value).toBe(100);
    expect(all.get('2040-10')?.metrics.contributors?.value).toBe(349);
    // 251 entries (250 snapshots + README.md) = 3 tree pages, then one raw request per snapshot.
    const trees = fake.requests.filter((r) => r.api === 'tree');
    expect(trees.map((r) => r.page)).toEqual([null, '2', '3']);
    expect(fake.requests.filter((r) => r.api === 'raw')).toHaveLength(250);
    expect(fake.requests).toHaveLength(3 + 250);
    expect(http.stats().requests).toBe(253);
    expect(fake.requests.every((r) => r.token === TOKEN && r.ref === 'main')).toBe(true);
  });

  it('treats a data_dir that does not exist yet as empty history', async () => {
    serve({ 'content/page.md': '# page' });
    const { store: s, log } = store();
    expect(await s.readAll()).toEqual(new Map());
    // GitLab answers a missing path with 404 (Gitaly's "invalid revision or path"): the branch is asked for to be sure.
    expect(fake.requests.map((r) => r.api)).toEqual(['tree', 'branch']);
    expect(log.lines.filter((l) => !l.startsWith('debug:'))).toEqual(['history: data/developer_relations/pulse does not exist on main in gitlab-com/content-sites/handbook yet; starting without history']);
  });

  it('a brand-new handbook (the branch exists, data_dir does not): empty history, and verify passes', async () => {
    serve({ 'README.md': '# Handbook' });
    const { store: s } = store();
    await expect(s.verifyReadAccess()).resolves.toBeUndefined();
    expect(await s.list()).toEqual([]);
  });

  it('a branch that does not exist is an error naming it, not "no history" (GitLab: 404 Tree Not Found is the ref)', async () => {
    serve(files(2));
    const { store: s } = store({ ref: 'mian' });
    await expect(s.list()).rejects.toMatchObject({ code: 'ENOTFOUND', message: 'branch mian does not exist in gitlab-com/content-sites/handbook, so its history cannot be read' });
    await expect(s.verifyReadAccess()).rejects.toMatchObject({ code: 'ENOTFOUND', fix: expect.stringContaining('publish.handbook.branch') });
  });

  it('skips a file that does not parse, with a warning naming it, and keeps the rest', async () => {
    const map = files(3);
    map[`${dataDir}/2020-02.json`] = '{"schema_version": 1, "period": "2020-02"';
    map[`${dataDir}/2020-03.json`] = JSON.stringify({ ...snapshotOf('2020-03', 1), schema_version: 3 });
    serve(map);
    const { store: s, log } = store();
    const all = await s.readAll();
    expect([...all.keys()]).toEqual(['2020-01']);
    const warnings = log.lines.filter((l) => l.startsWith('warning:'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^warning: history: skipped data\/developer_relations\/pulse\/2020-02\.json: not valid JSON/);
    expect(warnings[1]).toContain('skipped data/developer_relations/pulse/2020-03.json: schema_version 3 was written by a newer community-pulse');
    expect(warnings[1]).toContain('upgrade community-pulse');
  });

  it('reads one period, and undefined for a period with no file', async () => {
    serve(files(2));
    const { store: s } = store();
    expect((await s.read('2020-02'))?.metrics.contributors?.value).toBe(101);
    expect(await s.read('2031-01')).toBeUndefined();
    expect(fake.requests.map((r) => [r.api, r.path])).toEqual([
      ['raw', `${dataDir}/2020-02.json`],
      ['raw', `${dataDir}/2031-01.json`],
    ]);
  });

  it('reads a public project without a token', async () => {
    serve(files(1), 'public');
    const { store: s } = store({ token: undefined });
    expect([...(await s.readAll()).keys()]).toEqual(['2020-01']);
    expect(fake.requests.every((r) => r.token === undefined)).toBe(true);
  });

  it('fails with a fix hint on a wrong token, without printing it', async () => {
    serve(files(1));
    const { store: s, log } = store({ token: 'glpat-WRONGwrongWRONG12345' });
    const error = await s.readAll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'EAUTH', fix: 'PULSE_HANDBOOK_TOKEN must hold a token that can read gitlab-com/content-sites/handbook (scope read_api or api).' });
    expect(String((error as Error).message)).not.toContain('WRONG');
    expect(log.lines.join('\n')).not.toContain(TOKEN);
  });

  it('fails (not empty history) when the project itself is not found', async () => {
    serve(files(1));
    const { store: s } = store({ project: 'gitlab-com/no-such-project' });
    await expect(s.readAll()).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('never puts the token in warnings or logs', async () => {
    const map = files(1);
    map[`${dataDir}/2020-02.json`] = 'garbage';
    serve(map);
    const { store: s, log } = store();
    await s.readAll();
    expect(log.lines.join('\n')).not.toContain(TOKEN);
  });
});
