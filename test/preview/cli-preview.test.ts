// `community-pulse preview` as the goals-check job runs it: a child process, stored history on
// disk, and the MR note written to a fake GitLab notes API on a loopback port (real HTTP).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { noteMarker } from '../../src/preview/note.ts';
import { notesFake, notesHandlers, type ServedNotesFake } from '../fakes/gitlab-notes/index.ts';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { writeHistory } from './history-fixture.ts';
import { spawnCli } from '../support/spawn-cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const TOKEN = 'glpat-PreviewNote0123456789';
const EXAMPLE = readFileSync(join(ROOT, 'examples/goals.yml'), 'utf8');
const VALUES = {
  'wider-community-contributors': 160,
  'merged-community-mrs': 700,
  'first-time-contributors': 20,
  'forum-monthly-active-users': 10000,
  'forum-time-to-first-response': 20,
  'user-content-pageviews': 400000,
  'devrel-content-pageviews': 270000,
  'youtube-views': 612345,
  'heroes-talks': 3,
  'heroes-blog-posts': 2,
  'education-program-seats': 43020,
};

// The CLI as a child process; a hang fails with its own message (test/support).
const runCli = (args: string[], cwd: string, env: Record<string, string>) => spawnCli(args, cwd, env, 60_000);

/** The example goals with the KPI's target lowered, one metric removed and one added. */
function changedGoals(): string {
  const doc = parseDocument(EXAMPLE);
  doc.setIn(['metrics', 0, 'target', 'monthly'], 150);
  const ids = (doc.toJS() as { metrics: Array<{ id: string }> }).metrics.map((m) => m.id);
  doc.deleteIn(['metrics', ids.indexOf('heroes-blog-posts')]);
  doc.addIn(['metrics'], doc.createNode({ id: 'office-hours', name: 'Office Hours', definition: 'Community office hours held.', source: 'spreadsheet', query: { kind: 'value', values: { '2026-11': 4 } }, target: { monthly: 5 } }));
  return doc.toString();
}

let server: ServedFake;
let fake: ServedNotesFake;

beforeAll(async () => {
  server = await serveFake(() => []);
  fake = notesFake({ project: 'devrel/goals', projectId: 42, iid: 7, tokens: [{ value: TOKEN, username: 'project_42_bot_1', scopes: ['api'] }], notes: [{ body: 'Looks good' }] });
  server.setHandlers(notesHandlers(server.url, fake));
});
afterAll(() => server.close());

function project(goalsYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-preview-'));
  writeHistory(join(dir, 'history'), EXAMPLE, { '2026-09': VALUES, '2026-10': VALUES });
  writeFileSync(join(dir, 'goals.yml'), goalsYaml);
  return dir;
}

const CI = { CI: 'true', CI_PROJECT_ID: '42', CI_MERGE_REQUEST_IID: '7', CI_COMMIT_SHORT_SHA: 'abc1234', CI_JOB_URL: 'https://gitlab.example/devrel/goals/-/jobs/9' };

describe('community-pulse preview (a real process)', () => {
  it('writes the preview, prints it, and keeps ONE MR note across pushes', async () => {
    const dir = project(changedGoals());
    const env = { ...CI, CI_API_V4_URL: `${server.url}/api/v4`, PULSE_MR_TOKEN: TOKEN };
    const first = await runCli(['preview', '--history', 'history', '--out', 'preview', '--note-token-env', 'PULSE_MR_TOKEN'], dir, env);
    expect(first.code, first.stderr).toBe(0);
    const note = readFileSync(join(dir, 'preview/note.md'), 'utf8');
    expect(first.stdout).toBe(note);
    expect(note).toContain(noteMarker('goals.yml'));
    expect(note).toContain('| Unique Wider Community Contributors per Month | At least 170 contributors per month | At least 150 contributors per month |');
    expect(note).toContain('**Metrics added (first collected by the next report):** Office Hours (`office-hours`)');
    expect(note).toContain('Heroes');
    expect(note).toMatch(/\| Unique Wider Community Contributors per Month \| 🟡 Attention \| 🟢 Okay \|/);
    const diff = JSON.parse(readFileSync(join(dir, 'preview/diff.json'), 'utf8')) as { removed: Array<{ id: string }> };
    expect(diff.removed.map((m) => m.id)).toEqual(['heroes-blog-posts']);
    expect(first.stderr).toContain('merge request note 5000: created');
    // The page and the email as they would look with these goals, rendered as `run` renders them.
    const page = readFileSync(join(dir, 'preview/page.md'), 'utf8');
    expect(page).toContain('At least 150 contributors per month');
    expect(page).not.toContain('Heroes Blog Posts');
    expect(readFileSync(join(dir, 'preview/email.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(dir, 'preview/email.txt'), 'utf8')).toContain('October 2026');
    expect(first.stderr).toMatch(/wrote preview\/note\.md, .*preview\/page\.md/);

    // The next push changes the goals again: the same note is edited.
    writeFileSync(join(dir, 'goals.yml'), changedGoals().replace('monthly: 150', 'monthly: 155'));
    const second = await runCli(['preview', '--history', 'history', '--out', 'preview', '--note-token-env', 'PULSE_MR_TOKEN'], dir, env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('merge request note 5000: updated');
    const notes = fake.mergeRequests.get(fake.key) ?? [];
    expect(notes.filter((n) => n.body.includes(noteMarker('goals.yml')))).toHaveLength(1);
    expect(notes.at(-1)?.body).toContain('At least 155 contributors per month');
    for (const out of [first, second]) expect(out.stdout + out.stderr).not.toContain(TOKEN);
  });

  it('without a token: the preview is in the log and the files; no API is called', async () => {
    const dir = project(EXAMPLE);
    const before = server.requests.length;
    const result = await runCli(['preview', '--history', 'history', '--out', 'preview'], dir, CI);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('No change to targets, metrics, definitions, hand-typed values, team notes or health against the published report for 2026-10.');
    expect(server.requests.length).toBe(before);
  });

  it('a token variable that is not set: exit 2 with the fix, after writing the preview files', async () => {
    const dir = project(EXAMPLE);
    const result = await runCli(['preview', '--history', 'history', '--out', 'preview', '--note-token-env', 'PULSE_MR_TOKEN'], dir, CI);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --note-token-env PULSE_MR_TOKEN: the variable is not set here');
    expect(readFileSync(join(dir, 'preview/note.md'), 'utf8')).toContain('community-pulse preview');
  });

  it('no history: exit 2 saying how to get some', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-preview-'));
    writeFileSync(join(dir, 'goals.yml'), EXAMPLE);
    const result = await runCli(['preview', '--history', 'nothing-here'], dir, CI);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no stored report to preview: nothing-here holds no snapshot');
  });
});
