// The components as a team uses them: examples/consumer.gitlab-ci.yml, run by gitlab-ci-local with
// its shell executor against the sample world (demo/): every API, a handbook repository with two
// years of history and an SMTP server, on loopback. A schedule runs the report for real — collect,
// render, commit to the handbook, send the email; merge requests that change goals.yml get the check
// (positioned errors, JUnit, code quality) and the preview, read from that handbook, posted as ONE
// note to a fake GitLab notes API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { HANDBOOK_PROJECT, type SampleWorld, startSampleWorld } from '@community-pulse/demo/sample-world';
import { API_NAMES, EXPECTED_OCTOBER } from '@community-pulse/demo/world';
import { noteMarker } from '../../src/preview/note.ts';
import { notesFake, notesHandlers, type ServedNotesFake } from '../fakes/gitlab-notes/index.ts';
import { type Attacker, attackerServer } from '../preview/attacker.ts';
import { cliShim, componentRepo, gitlabCiLocal, PROJECT_PATH, type Repo, ROOT } from './gitlab-ci-local.ts';
import { forGitlabMarkdown } from '../../src/render/escape.ts';

const NOTE_TOKEN = 'glpat-ConsumerNote012345678';

/** The example, with components taken from this working tree and the month the sample world holds. */
function consumerPipeline(): string {
  const doc = parseDocument(readFileSync(join(ROOT, 'examples/consumer.gitlab-ci.yml'), 'utf8'));
  const includes = doc.get('include') as { items: Array<{ get(k: string): unknown; set(k: string, v: unknown): void; setIn(p: unknown[], v: unknown): void }> };
  for (const item of includes.items) {
    const ref = String(item.get('component'));
    const name = /\/([a-z-]+)@/.exec(ref)?.[1];
    expect(ref, 'the example pins a released version of this project').toMatch(new RegExp(`^gitlab\\.com/${PROJECT_PATH}/[a-z-]+@\\d+\\.\\d+\\.\\d+$`));
    item.set('component', `$CI_SERVER_FQDN/$CI_PROJECT_PATH/${name}@$CI_COMMIT_SHA`);
    if (name === 'report') item.setIn(['inputs', 'period'], '2026-10');
  }
  return doc.toString();
}

let world: SampleWorld;
let notesServer: ServedFake;
let notes: ServedNotesFake;
let repo: Repo;
let bin: string;
let attacker: Attacker;
const timings: string[] = [];

beforeAll(async () => {
  world = await startSampleWorld();
  attacker = await attackerServer();
  notesServer = await serveFake(() => []);
  notes = notesFake({ project: PROJECT_PATH, projectId: 42, iid: 7, tokens: [{ value: NOTE_TOKEN, username: 'project_42_bot_1', scopes: ['api'] }] });
  notesServer.setHandlers(notesHandlers(notesServer.url, notes));
  repo = componentRepo({ '.gitlab-ci.yml': consumerPipeline(), 'goals.yml': world.goalsYaml });
  repo.markAsTargetBranch();
  bin = cliShim();
});

afterAll(async () => {
  await Promise.all([world?.close(), notesServer?.close(), attacker?.close()]);
  if (timings.length) process.stderr.write(`gitlab-ci-local runs: ${timings.join(', ')}\n`);
});

async function timed(label: string, run: Promise<{ code: number | null; output: string }>) {
  const started = performance.now();
  const result = await run;
  timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const sourceRequests = () => API_NAMES.reduce((n, name) => n + world.servers[name].requests.length, 0);

/** A merge-request pipeline into main: only the preview's read-only token is a variable MR pipelines can read. */
const mergeRequest = () => ({
  CI_PIPELINE_SOURCE: 'merge_request_event',
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
  CI_MERGE_REQUEST_IID: '7',
  CI_PROJECT_ID: '42',
  CI_API_V4_URL: `${notesServer.url}/api/v4`,
  PULSE_MR_NOTE_TOKEN: NOTE_TOKEN,
  PULSE_PREVIEW_TOKEN: world.env.PULSE_PREVIEW_TOKEN ?? '',
});

describe('the consumer pipeline under gitlab-ci-local', () => {
  it('a schedule runs only the report job: collects, commits to the handbook, sends the email, keeps artifacts', async () => {
    const result = await timed('schedule', gitlabCiLocal(repo, ['--force-shell-executor', '--json-schema-validation', 'false'], { variables: { CI_PIPELINE_SOURCE: 'schedule', ...world.env }, path: bin }));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('PASS  pulse-report');
    expect(result.output).not.toContain('pulse-goals-check');
    const snapshot = JSON.parse(readFileSync(join(repo.dir, 'pulse-report/snapshot.json'), 'utf8')) as { period: string; metrics: Record<string, { value: number }> };
    expect(snapshot.period).toBe('2026-10');
    expect(Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, m.value]))).toEqual(EXPECTED_OCTOBER);
    for (const file of ['report.json', 'page.md', 'email.html', 'email.txt']) expect(existsSync(join(repo.dir, 'pulse-report', file)), file).toBe(true);
    const committed = (world.handbook.commits[HANDBOOK_PROJECT] ?? []).slice(1).flatMap((c) => c.files);
    expect(committed.some((f) => f.endsWith('/2026-10.json'))).toBe(true);
    expect(world.smtp.messages).toHaveLength(1);
    for (const secret of world.secrets) expect(result.output).not.toContain(secret);
  });

  it('a manual "Run pipeline" runs the report as a dry run that says why: nothing committed or emailed', async () => {
    const commits = (world.handbook.commits[HANDBOOK_PROJECT] ?? []).length;
    const mails = world.smtp.messages.length;
    const result = await timed('manual run', gitlabCiLocal(repo, ['--force-shell-executor', '--json-schema-validation', 'false'], { variables: { CI_PIPELINE_SOURCE: 'web', ...world.env }, path: bin }));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('PASS  pulse-report');
    expect(result.output).toContain('dry run: this pipeline was started by "web" (CI_PIPELINE_SOURCE), and the report publishes only from its pipeline schedule');
    expect((world.handbook.commits[HANDBOOK_PROJECT] ?? []).length).toBe(commits);
    expect(world.smtp.messages.length).toBe(mails);
  });

  it('a merge request that changes goals.yml: check passes, the preview reads the handbook and posts ONE note', async () => {
    const before = sourceRequests();
    const handbookReads = world.handbook.requests.length;
    // The MR also repoints the handbook at another server: shown in the note, never contacted.
    const changed = parseDocument(world.goalsYaml.replace(/monthly: 170\b/, 'monthly: 3'));
    changed.setIn(['publish', 'handbook', 'url'], attacker.url);
    repo.commit({ 'goals.yml': changed.toString() }, 'lower the KPI target');
    const result = await timed('merge request', gitlabCiLocal(repo, ['--force-shell-executor', '--json-schema-validation', 'false'], { variables: mergeRequest(), path: bin }));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('PASS  pulse-goals-check');
    expect(result.output).toContain('PASS  pulse-goals-preview');
    expect(result.output).not.toContain('pulse-report');
    expect(readFileSync(join(repo.dir, 'pulse-goals-check/check-junit.xml'), 'utf8')).toContain('failures="0"');
    expect(JSON.parse(readFileSync(join(repo.dir, 'pulse-goals-check/gl-code-quality-report.json'), 'utf8'))).toEqual([]);
    const note = readFileSync(join(repo.dir, 'pulse-goals-check/preview/note.md'), 'utf8');
    expect(note).toContain('The published report for **October 2026**');
    expect(note).toContain('| Unique Wider Community Contributors per Month | At least 170 contributors per month | At least 3 contributors per month |');
    expect(readFileSync(join(repo.dir, 'pulse-goals-check/preview/page.md'), 'utf8')).toContain('At least 3 contributors per month');
    expect(existsSync(join(repo.dir, 'pulse-goals-check/preview/email.html'))).toBe(true);
    const posted = (notes.mergeRequests.get(notes.key) ?? []).filter((n) => n.body.includes(noteMarker('goals.yml')));
    expect(posted.map((n) => n.body)).toEqual([note]);
    expect(world.handbook.requests.some((r) => r.api === 'raw' || r.api === 'file')).toBe(true);
    // Read from main's handbook with the preview's read-only token only.
    expect(world.handbook.requests.slice(handbookReads).every((r) => r.token === world.env.PULSE_PREVIEW_TOKEN)).toBe(true);
    expect(attacker.requests).toEqual([]);
    // Values are neutralised for GitLab Markdown (a URL is no live link).
    expect(note).toContain(`| publish.handbook.url | ${forGitlabMarkdown(world.servers.handbook.url)} | ${forGitlabMarkdown(attacker.url)} |`);
    // The preview called no source API.
    expect(sourceRequests()).toBe(before);
    for (const secret of [NOTE_TOKEN, ...world.secrets]) expect(result.output).not.toContain(secret);
  });

  it('a merge request with a broken goals.yml: the check fails with positioned errors and both reports; no preview', async () => {
    const writes = notes.writes.length;
    const broken = world.goalsYaml.replace('kind: merged_mr_authors', 'kind: merged_mr_author');
    repo.commit({ 'goals.yml': broken }, 'typo');
    const result = await timed('broken merge request', gitlabCiLocal(repo, ['--force-shell-executor', '--json-schema-validation', 'false'], { variables: mergeRequest(), path: bin }));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/pulse-goals-check *> goals\.yml:\d+:\d+: metrics\[0\]\.query\.kind .*merged_mr_authors/);
    expect(result.output).toContain('FAIL  pulse-goals-check');
    const issues = JSON.parse(readFileSync(join(repo.dir, 'pulse-goals-check/gl-code-quality-report.json'), 'utf8')) as Array<{ location: { path: string; lines: { begin: number } } }>;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.location.path).toBe('goals.yml');
    expect(broken.split('\n')[(issues[0]?.location.lines.begin ?? 0) - 1]).toContain('kind: merged_mr_author');
    expect(readFileSync(join(repo.dir, 'pulse-goals-check/check-junit.xml'), 'utf8')).toContain('failures="1"');
    expect(result.output).not.toContain('PASS  pulse-goals-preview');
    expect(notes.writes.length).toBe(writes);
  });
});
