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

  it('a private handbook without a token: the fix asks for a read-only preview token, never for unprotecting the write token', async () => {
    const { dir } = setup('private');
    const { code, stderr } = await cli(['preview', '--out', 'p'], { cwd: dir });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^error: .*404/m);
    expect(stderr).toContain('Give the preview its own read-only token: a project access token on the handbook project with the read_api scope and the Reporter role');
    expect(stderr).toContain('preview_token_variable');
    expect(stderr).toContain('history_dir');
    expect(stderr).not.toMatch(/not protected/);
  });

  it("--read-token-env: the handbook is read with the preview's own read-only token, not the write token", async () => {
    const { dir, fake } = setup('private');
    fake.tokens.push({ value: 'glpat-PreviewRead01234567890', scopes: ['read_api'], accessLevel: 20 });
    const env = { PULSE_HANDBOOK_TOKEN: TOKEN, PULSE_PREVIEW_TOKEN: 'glpat-PreviewRead01234567890' };
    const { code, stderr } = await cli(['preview', '--out', 'p', '--read-token-env', 'PULSE_PREVIEW_TOKEN'], { cwd: dir, env });
    expect(code, stderr).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.token === 'glpat-PreviewRead01234567890')).toBe(true);
  });
});
