// Where `preview` reads stored reports: the handbook repository named in publish.handbook, with its
// token when set and without one otherwise (a public handbook); a private one read without the
// token explains why merge-request pipelines lack it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import { cli, ROOT } from '../cli/helpers.ts';
import { gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { server } from '../msw-server.ts';
import { writeHistory } from './history-fixture.ts';

const HANDBOOK = 'https://handbook.preview.test';
const TOKEN = 'glpat-HandbookReader01234567';
const EXAMPLE = readFileSync(join(ROOT, 'examples/goals.yml'), 'utf8');

function setup(visibility: 'public' | 'private') {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-preview-hb-'));
  const doc = parseDocument(EXAMPLE);
  doc.setIn(['publish', 'handbook', 'url'], HANDBOOK);
  writeFileSync(join(dir, 'goals.yml'), doc.toString());
  const history = writeHistory(join(dir, 'made'), EXAMPLE, { '2026-10': { 'wider-community-contributors': 160, 'education-program-seats': 43020 } });
  const october = history.get('2026-10');
  if (!october) throw new Error('no snapshot');
  const fake = gitlabRepoFake({
    projects: { 'gitlab-com/content-sites/handbook': { id: 7, visibility, branches: { main: { 'data/developer_relations/pulse/2026-10.json': serializeSnapshot(october) } } } },
    tokens: [TOKEN],
  });
  server.use(...gitlabRepoHandlers(HANDBOOK, fake));
  return { dir, fake };
}

describe('preview history from the handbook', () => {
  it('reads a private handbook with the token from publish.handbook.token_env', async () => {
    const { dir, fake } = setup('private');
    const { code, stdout, stderr } = await cli(['preview', '--out', 'p'], { cwd: dir, env: { PULSE_HANDBOOK_TOKEN: TOKEN } });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('The published report for **October 2026**');
    expect(fake.requests.every((r) => r.token === TOKEN)).toBe(true);
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  it('reads a public handbook without a token, and says so', async () => {
    const { dir, fake } = setup('public');
    const { code, stderr } = await cli(['preview', '--out', 'p'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('PULSE_HANDBOOK_TOKEN is not set here: reading gitlab-com/content-sites/handbook without a token');
    expect(fake.requests.every((r) => r.token === undefined)).toBe(true);
  });

  it('a private handbook without the token: the fix explains merge-request pipelines and history_dir', async () => {
    const { dir } = setup('private');
    const { code, stderr } = await cli(['preview', '--out', 'p'], { cwd: dir });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^error: .*404/m);
    expect(stderr).toContain('PULSE_HANDBOOK_TOKEN is not set in this job: merge-request pipelines do not get protected variables');
    expect(stderr).toContain('history_dir');
  });
});
