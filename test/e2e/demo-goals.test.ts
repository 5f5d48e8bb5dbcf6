// `community-pulse demo --goals FILE`: a team's own goals file (not examples/goals.yml: three
// metrics, another title and time zone, its own source names and env var names) against the sample
// world, in a fresh process with no credentials in its environment.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OPEN_SOURCE_EXPECTED } from '@community-pulse/demo/open-source';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'pulse-demo-goals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const demo = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'src/cli.ts'), 'demo', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: dirname(process.execPath) } });

describe('community-pulse demo --goals FILE', () => {
  it("runs the team's goals file against the sample world: its metrics, its title, no token", () => {
    copyFileSync(join(import.meta.dirname, 'fixtures/team-goals.yml'), join(dir, 'team-goals.yml'));
    const run = demo('--goals', 'team-goals.yml', '--out', 'team-demo');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('demo: team-goals.yml against the sample world; sources pointed at the sample APIs: code (gitlab), community-forum (discourse), sheet (manual)');
    const snapshot = JSON.parse(readFileSync(join(dir, 'team-demo/run/snapshot.json'), 'utf8')) as { timezone: string; metrics: Record<string, { value: number | null; status: string }> };
    // The team's three metrics, collected from the sample APIs (October 2026: 4 merged community MRs in gitlab-org).
    expect(Object.keys(snapshot.metrics).sort()).toEqual(['first-response', 'merged-contributions', 'workshops']);
    expect(snapshot.timezone).toBe('Europe/Berlin');
    expect(snapshot.metrics['workshops']).toMatchObject({ value: 4, status: 'manual' });
    expect(snapshot.metrics['merged-contributions']?.status).toBe('ok');
    expect(readFileSync(join(dir, 'team-demo/received.eml'), 'utf8')).toContain('Acme DevRel Pulse');
    // The goals file it ran: the team's metrics, the sample world's connections.
    const used = parse(readFileSync(join(dir, 'team-demo/goals.yml'), 'utf8')) as { sources: Record<string, { url?: string; token_env?: string }> };
    expect(used.sources['code']?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(used.sources['code']?.token_env).toBe('PULSE_GITLAB_TOKEN');
    expect(run.stdout).toContain('team-demo/goals.yml  the goals file the demo used (team-goals.yml pointed at the sample world)');
  });

  it('the open-source company example: GitHub, npm, PyPI, Discord and the JSON API served too, every value as hand-counted', () => {
    const run = demo('--goals', join(ROOT, 'examples/open-source-company.goals.yml'), '--out', 'oss-demo');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('not in this demo');
    const snapshot = JSON.parse(readFileSync(join(dir, 'oss-demo/run/snapshot.json'), 'utf8')) as { metrics: Record<string, { value: number | null }> };
    const values = Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, m.value]));
    for (const [id, value] of Object.entries(OPEN_SOURCE_EXPECTED)) expect(values[id], id).toBe(value);
  });

  it('a goals file with problems: every problem with file:line:col, nothing started', () => {
    writeFileSync(join(dir, 'broken.yml'), 'version: 1\nreport:\n  title: x\n');
    const run = demo('--goals', 'broken.yml', '--out', 'broken-demo');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/broken\.yml:\d+:\d+: /);
    expect(run.stderr).not.toContain('demo finished');
  });
});
