// Issue 18.1: a merge request cannot send the handbook token anywhere. In a merge-request pipeline
// the preview reads the handbook named by the TARGET branch's goals file (real git repository, real
// child process, real loopback HTTP): an MR that repoints publish.handbook.url at another server
// gets that change shown at the top of the note, and the other server receives nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { gitlabRepoFake, gitlabRepoHandlers, type GitlabRepoFake } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { forGitlabMarkdown } from '../../src/render/escape.ts';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import { spawnCli } from '../support/spawn-cli.ts';
import { type Attacker, attackerServer } from './attacker.ts';
import { writeHistory } from './history-fixture.ts';
import { mrPipelineEnv, mrRepo } from './mr-repo.ts';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = readFileSync(join(ROOT, 'examples/goals.yml'), 'utf8');
const WRITE_TOKEN = 'glpat-HandbookWrite0123456789';
const READ_TOKEN = 'glpat-PreviewRead01234567890';
const PROJECT = 'gitlab-com/content-sites/handbook';

let legit: ServedFake;
let fake: GitlabRepoFake;
let attacker: Attacker;

function goalsAt(url: string, edit: (doc: ReturnType<typeof parseDocument>) => void = () => {}): string {
  const doc = parseDocument(EXAMPLE);
  doc.setIn(['publish', 'handbook', 'url'], url);
  edit(doc);
  return doc.toString();
}

beforeAll(async () => {
  attacker = await attackerServer();
  legit = await serveFake(() => []);
});
afterAll(async () => {
  await legit.close();
  await attacker.close();
});
beforeEach(() => {
  const dir = writeHistory(mkdtempSync(join(tmpdir(), 'pulse-mr-history-')), EXAMPLE, { '2026-10': { 'wider-community-contributors': 160, 'education-program-seats': 43020 } });
  const october = dir.get('2026-10');
  if (!october) throw new Error('no snapshot');
  fake = gitlabRepoFake({
    projects: { [PROJECT]: { id: 7, visibility: 'private', branches: { main: { 'data/developer_relations/pulse/2026-10.json': serializeSnapshot(october) } } } },
    tokens: [WRITE_TOKEN, { value: READ_TOKEN, scopes: ['read_api'], accessLevel: 20 }],
  });
  legit.setHandlers(gitlabRepoHandlers(legit.url, fake));
  attacker.requests.length = 0;
});

const run = (args: string[], cwd: string, env: Record<string, string>) => spawnCli(['preview', '--out', 'p', ...args], cwd, env, 60_000);

describe('preview in a merge-request pipeline: connection settings come from the target branch', () => {
  it("an MR that repoints publish.handbook.url: the token goes only to main's handbook, the change is at the top of the note", async () => {
    const { clone, diffBase } = mrRepo({ 'goals.yml': goalsAt(legit.url) }, { 'goals.yml': goalsAt(attacker.url, (d) => d.setIn(['metrics', 0, 'target', 'monthly'], 150)) });
    const result = await run([], clone, { ...mrPipelineEnv(diffBase), PULSE_HANDBOOK_TOKEN: WRITE_TOKEN });
    expect(attacker.requests).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
    // The legitimate handbook still served the preview's read, with the token.
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.token === WRITE_TOKEN)).toBe(true);
    const note = readFileSync(join(clone, 'p/note.md'), 'utf8');
    const warning = note.indexOf('⚠️ This merge request changes where community-pulse connects');
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(note.indexOf('The published report for'));
    // Values are neutralised for GitLab Markdown: a URL is not a live link, `_` not emphasis.
    expect(note).toContain(`| publish.handbook.url | ${forGitlabMarkdown(legit.url)} | ${forGitlabMarkdown(attacker.url)} |`);
    // The goals change itself is still previewed.
    expect(note).toContain('At least 150 contributors per month');
    expect(result.stderr).toContain('this merge request changes publish.handbook.url');
    expect(result.stdout + result.stderr).not.toContain(WRITE_TOKEN);
  });

  it('the runner cloned only the MR branch: the target branch is fetched; project and token variable changes are not followed either', async () => {
    const mrGoals = goalsAt(attacker.url, (d) => {
      d.setIn(['publish', 'handbook', 'project'], 'someone/else');
      d.setIn(['publish', 'handbook', 'token_env'], 'PULSE_OTHER_TOKEN');
    });
    const { clone, diffBase } = mrRepo({ 'goals.yml': goalsAt(legit.url) }, { 'goals.yml': mrGoals }, { singleBranch: true });
    const result = await run(['--read-token-env', 'PULSE_PREVIEW_TOKEN'], clone, { ...mrPipelineEnv(diffBase), PULSE_PREVIEW_TOKEN: READ_TOKEN, PULSE_OTHER_TOKEN: WRITE_TOKEN });
    expect(result.code, result.stderr).toBe(0);
    expect(attacker.requests).toEqual([]);
    expect(fake.requests.length).toBeGreaterThan(0);
    // Only the preview's own read-only token was used; the variable the MR named was not read.
    expect(fake.requests.every((r) => r.token === READ_TOKEN)).toBe(true);
    const note = readFileSync(join(clone, 'p/note.md'), 'utf8');
    expect(note).toContain(`| publish.handbook.project | ${PROJECT} | someone/else |`);
    expect(note).toContain(`| ${forGitlabMarkdown('publish.handbook.token_env')} | ${forGitlabMarkdown('PULSE_HANDBOOK_TOKEN')} | ${forGitlabMarkdown('PULSE_OTHER_TOKEN')} |`);
  });

  it('a goals file that is new in the MR: no handbook is trusted, nothing is contacted, exit 2 naming history_dir', async () => {
    const { clone, diffBase } = mrRepo({ 'README.md': 'hello\n' }, { 'goals.yml': goalsAt(attacker.url) });
    const result = await run([], clone, { ...mrPipelineEnv(diffBase), PULSE_HANDBOOK_TOKEN: WRITE_TOKEN });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('goals.yml is new in this merge request (main has no such file)');
    expect(result.stderr).toContain('history_dir');
    expect(attacker.requests).toEqual([]);
  });

  it('with --history nothing is contacted: when git cannot give the target branch the preview still runs, and says what it could not compare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-mr-nogit-'));
    writeHistory(join(dir, 'history'), EXAMPLE, { '2026-10': { 'wider-community-contributors': 160 } });
    writeFileSync(join(dir, 'goals.yml'), goalsAt(attacker.url));
    const result = await run(['--history', 'history'], dir, { ...mrPipelineEnv('0000000'), PULSE_HANDBOOK_TOKEN: WRITE_TOKEN });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('cannot read goals.yml from the target branch main');
    expect(result.stderr).toContain('the note cannot say whether this merge request changes connection settings');
    expect(attacker.requests).toEqual([]);
  });
});
