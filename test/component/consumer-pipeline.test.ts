// The components as a team uses them: examples/consumer.gitlab-ci.yml, run by gitlab-ci-local with
// its shell executor. A schedule runs the report against the sample world on loopback; merge
// requests that change goals.yml get the check (positioned errors, JUnit, code quality) and the
// preview, read from a fake handbook, posted as ONE note to a fake GitLab notes API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { noteMarker } from '../../src/preview/note.ts';
import { repoFilesFake, repoFilesHandlers } from '../fakes/gitlab-files/index.ts';
import { notesFake, notesHandlers, type ServedNotesFake } from '../fakes/gitlab-notes/index.ts';
import { serveFake, type ServedFake } from '../fakes/serve.ts';
import { API_NAMES, type ApiName, buildWorld, EXPECTED_OCTOBER, type World } from '../world/world.ts';
import { cliShim, componentRepo, gitlabCiLocal, PROJECT_PATH, type Repo, ROOT } from './gitlab-ci-local.ts';

const HANDBOOK_PROJECT = 'gitlab-com/content-sites/handbook';
const DATA_DIR = 'data/developer_relations/pulse';
const NOTE_TOKEN = 'glpat-ConsumerNote012345678';

/** The example, with components taken from this working tree and inputs the test needs. */
function consumerPipeline(): string {
  const doc = parseDocument(readFileSync(join(ROOT, 'examples/consumer.gitlab-ci.yml'), 'utf8'));
  const includes = doc.get('include') as { items: Array<{ get(k: string): unknown; set(k: string, v: unknown): void; setIn(p: unknown[], v: unknown): void }> };
  for (const item of includes.items) {
    const ref = String(item.get('component'));
    const name = /\/([a-z-]+)@/.exec(ref)?.[1];
    expect(ref, 'the example pins a released version of this project').toMatch(new RegExp(`^gitlab\\.com/${PROJECT_PATH}/[a-z-]+@\\d+\\.\\d+\\.\\d+$`));
    item.set('component', `$CI_SERVER_FQDN/$CI_PROJECT_PATH/${name}@$CI_COMMIT_SHA`);
    // October 2026 is the month the sample world holds; nothing is committed or mailed from a test.
    if (name === 'report') {
      item.setIn(['inputs', 'period'], '2026-10');
      item.setIn(['inputs', 'dry_run'], true);
    }
  }
  return doc.toString();
}

let servers: Record<ApiName | 'handbook' | 'notes', ServedFake>;
let world: World;
let notes: ServedNotesFake;
let handbook: ReturnType<typeof repoFilesFake>;
let repo: Repo;
let goals: string;
let bin: string;
const timings: string[] = [];

beforeAll(async () => {
  const names = [...API_NAMES, 'handbook', 'notes'] as const;
  servers = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await serveFake(() => [])] as const))) as typeof servers;
  world = buildWorld(Object.fromEntries(API_NAMES.map((n) => [n, servers[n].url])) as Record<ApiName, string>);
  for (const name of API_NAMES) servers[name].setHandlers(world.handlers[name]);
  handbook = repoFilesFake({ projects: { [HANDBOOK_PROJECT]: { id: 7, visibility: 'public', refs: { main: {} } } } });
  servers.handbook.setHandlers(repoFilesHandlers(servers.handbook.url, handbook));
  notes = notesFake({ project: PROJECT_PATH, projectId: 42, iid: 7, tokens: [{ value: NOTE_TOKEN, username: 'project_42_bot_1', scopes: ['api'] }] });
  servers.notes.setHandlers(notesHandlers(servers.notes.url, notes));

  const doc = parseDocument(world.goalsYaml);
  doc.setIn(['publish', 'handbook', 'url'], servers.handbook.url);
  goals = doc.toString();
  repo = componentRepo({ '.gitlab-ci.yml': consumerPipeline(), 'goals.yml': goals });
  repo.markAsTargetBranch();
  bin = cliShim();
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
  if (timings.length) process.stderr.write(`gitlab-ci-local runs: ${timings.join(', ')}\n`);
});

async function timed(label: string, run: Promise<{ code: number | null; output: string }>) {
  const started = performance.now();
  const result = await run;
  timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const mergeRequest = () => ({
  CI_PIPELINE_SOURCE: 'merge_request_event',
  CI_MERGE_REQUEST_IID: '7',
  CI_PROJECT_ID: '42',
  CI_API_V4_URL: `${servers.notes.url}/api/v4`,
  PULSE_MR_NOTE_TOKEN: NOTE_TOKEN,
});

describe('the consumer pipeline under gitlab-ci-local', () => {
  it('a schedule runs only the report job, against the sample world, and keeps its artifacts', async () => {
    const result = await timed('schedule', gitlabCiLocal(repo, ['--force-shell-executor', '--json-schema-validation', 'false'], { variables: { CI_PIPELINE_SOURCE: 'schedule', ...world.env }, path: bin }));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('PASS  pulse-report');
    expect(result.output).not.toContain('pulse-goals-check');
    const snapshot = JSON.parse(readFileSync(join(repo.dir, 'pulse-report/snapshot.json'), 'utf8')) as { period: string; metrics: Record<string, { value: number }> };
    expect(snapshot.period).toBe('2026-10');
    expect(Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, m.value]))).toEqual(EXPECTED_OCTOBER);
    for (const file of ['history/2026-10.json', 'report.json', 'page.md', 'email.html', 'email.txt']) expect(existsSync(join(repo.dir, 'pulse-report', file)), file).toBe(true);
    for (const secret of world.secrets) expect(result.output).not.toContain(secret);
    // What the report committed to the handbook is the history the preview reads next.
    const main = handbook.projects[HANDBOOK_PROJECT]?.refs.main ?? {};
    main[`${DATA_DIR}/2026-10.json`] = readFileSync(join(repo.dir, 'pulse-report/history/2026-10.json'), 'utf8');
  });

  it('a merge request that changes goals.yml: check passes, the preview reads the handbook and posts ONE note', async () => {
    const sourceRequests = API_NAMES.reduce((n, name) => n + servers[name].requests.length, 0);
    repo.commit({ 'goals.yml': goals.replace(/monthly: 170\b/, 'monthly: 3') }, 'lower the KPI target');
    const result = await timed('merge request', gitlabCiLocal(repo, ['--force-shell-executor', '--json-schema-validation', 'false'], { variables: mergeRequest(), path: bin }));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('PASS  pulse-goals-check');
    expect(result.output).toContain('PASS  pulse-goals-preview');
    expect(result.output).not.toContain('pulse-report');
    expect(readFileSync(join(repo.dir, 'pulse-goals-check/check-junit.xml'), 'utf8')).toContain('failures="0"');
    expect(JSON.parse(readFileSync(join(repo.dir, 'pulse-goals-check/gl-code-quality-report.json'), 'utf8'))).toEqual([]);
    const note = readFileSync(join(repo.dir, 'pulse-goals-check/preview/note.md'), 'utf8');
    expect(note).toContain('| Unique Wider Community Contributors per Month | Above 170 contributors per month | Above 3 contributors per month |');
    expect(readFileSync(join(repo.dir, 'pulse-goals-check/preview/page.md'), 'utf8')).toContain('Above 3 contributors per month');
    expect(existsSync(join(repo.dir, 'pulse-goals-check/preview/email.html'))).toBe(true);
    const posted = (notes.mergeRequests.get(notes.key) ?? []).filter((n) => n.body.includes(noteMarker('goals.yml')));
    expect(posted.map((n) => n.body)).toEqual([note]);
    expect(handbook.requests.some((r) => r.api === 'raw')).toBe(true);
    // The preview called no source API.
    expect(API_NAMES.reduce((n, name) => n + servers[name].requests.length, 0)).toBe(sourceRequests);
    expect(result.output).not.toContain(NOTE_TOKEN);
  });

  it('a merge request with a broken goals.yml: the check fails with positioned errors and both reports; no preview', async () => {
    const writes = notes.writes.length;
    repo.commit({ 'goals.yml': goals.replace('kind: merged_mr_authors', 'kind: merged_mr_author') }, 'typo');
    const result = await timed('broken merge request', gitlabCiLocal(repo, ['--force-shell-executor', '--json-schema-validation', 'false'], { variables: mergeRequest(), path: bin }));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/pulse-goals-check *> goals\.yml:\d+:\d+: metrics\[0\]\.query\.kind .*merged_mr_authors/);
    expect(result.output).toContain('FAIL  pulse-goals-check');
    const issues = JSON.parse(readFileSync(join(repo.dir, 'pulse-goals-check/gl-code-quality-report.json'), 'utf8')) as Array<{ location: { path: string; lines: { begin: number } } }>;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.location.path).toBe('goals.yml');
    expect(goals.split('\n')[(issues[0]?.location.lines.begin ?? 0) - 1]).toContain('kind: merged_mr_authors');
    expect(readFileSync(join(repo.dir, 'pulse-goals-check/check-junit.xml'), 'utf8')).toContain('failures="1"');
    expect(result.output).not.toContain('PASS  pulse-goals-preview');
    expect(notes.writes.length).toBe(writes);
  });
});
