// `run --dry-run --out DIR` and `backfill` as a real process against the loopback fakes: beside
// snapshot.json they write the page, the PI data, the email (HTML, text, MJML) and a chart per KPI,
// with no template holes, and the log lists every file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { workspace } from '../pipeline/pipeline-harness.ts';
import { API_NAMES, type ApiName, buildWorld, type World } from '@community-pulse/demo/world';
import { HOLES } from './helpers.ts';
import { spawnCli } from '../support/spawn-cli.ts';

// The CLI as a child process; a hang fails with its own message (test/support).
const runCli = (args: string[], cwd: string, env: Record<string, string>) => spawnCli(args, cwd, env, 60_000);

let servers: Record<ApiName, ServedFake>;
let world: World;

beforeAll(async () => {
  const entries = await Promise.all(API_NAMES.map(async (name) => [name, await serveFake(() => [])] as const));
  servers = Object.fromEntries(entries) as Record<ApiName, ServedFake>;
  world = buildWorld(Object.fromEntries(API_NAMES.map((name) => [name, servers[name].url])) as Record<ApiName, string>);
  for (const name of API_NAMES) servers[name].setHandlers(world.handlers[name]);
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

const TEXT_FILES = ['page.md', 'developer_relations.yml', 'email.html', 'email.preview.html', 'email.txt', 'email.mjml', 'email.json'];

function checkOutput(out: string, log: string): void {
  for (const file of TEXT_FILES) {
    const path = join(out, file);
    expect(existsSync(path), file).toBe(true);
    expect(log, `log lists ${file}`).toContain(`wrote ${path}`);
    const text = readFileSync(path, 'utf8');
    for (const hole of HOLES) expect(text, `${file} has a hole ${hole}`).not.toMatch(hole);
  }
  const charts = readdirSync(join(out, 'charts')).sort();
  // examples/goals.yml has four KPIs.
  expect(charts).toEqual([
    'community-mrs-per-release.png',
    'community-mrs-per-release.svg',
    'merged-community-mrs.png',
    'merged-community-mrs.svg',
    'open-community-mr-age.png',
    'open-community-mr-age.svg',
    'wider-community-contributors.png',
    'wider-community-contributors.svg',
  ]);
  for (const chart of charts) expect(log).toContain(`wrote ${join(out, 'charts', chart)}`);
  const png = readFileSync(join(out, 'charts/wider-community-contributors.png'));
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const html = readFileSync(join(out, 'email.html'), 'utf8');
  expect(html).toContain('src="cid:chart-wider-community-contributors@community-pulse"');
  expect(html).toContain('href="https://handbook.gitlab.com/handbook/marketing/developer-relations/performance-indicators/"');
  // The internal metric of examples/goals.yml stays off the public outputs.
  expect(readFileSync(join(out, 'page.md'), 'utf8')).not.toContain('DevRel Content Pageviews');
  expect(readFileSync(join(out, 'developer_relations.yml'), 'utf8')).not.toContain('DevRel Content Pageviews');
  expect(html).toContain('DevRel Content Pageviews');
}

describe('run and backfill write the rendered report', () => {
  it('run --dry-run --out writes the page, PI data, email and charts beside snapshot.json', async () => {
    const { dir, goals } = workspace(world);
    const result = await runCli(['run', '--goals', goals, '--period', '2026-10', '--dry-run', '--out', 'out'], dir, world.env);
    expect(result.code, result.stderr).toBe(0);
    const out = join(dir, 'out');
    expect(existsSync(join(out, 'snapshot.json'))).toBe(true);
    checkOutput(out, result.stderr + result.stdout);
    expect(result.stderr).toMatch(/rendered the page, the PI data and the email \(".+, October 2026: (\d+ problems?, )?(\d+ attention, )?\d+ okay/);
    for (const secret of world.secrets) expect(readFileSync(join(out, 'email.html'), 'utf8')).not.toContain(secret);
  });

  it('backfill renders the latest month of its range', async () => {
    const { dir, goals } = workspace(world);
    const result = await runCli(['backfill', '--goals', goals, '--from', '2026-09', '--to', '2026-10', '--out', 'out'], dir, world.env);
    expect([0, 3], result.stderr).toContain(result.code);
    checkOutput(join(dir, 'out'), result.stderr + result.stdout);
    expect(readFileSync(join(dir, 'out/email.json'), 'utf8')).toContain('October 2026');
  });
});
