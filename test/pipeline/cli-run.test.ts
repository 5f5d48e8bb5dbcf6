// The real command as CI runs it: a child process (`node src/cli.ts run ...`) against every fake
// API served on loopback ports, with credentials only in its environment.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { API_NAMES, type ApiName, buildWorld, EXPECTED_OCTOBER, type World } from '@community-pulse/demo/world';
import { workspace } from './pipeline-harness.ts';
import { spawnCli } from '../support/spawn-cli.ts';

// The CLI as a child process; a hang fails with its own message (test/support).
const runCli = (args: string[], cwd: string, env: Record<string, string>) => spawnCli(args, cwd, env, 60_000);

let servers: Record<ApiName, ServedFake>;
let world: World;

beforeAll(async () => {
  const entries = await Promise.all(API_NAMES.map(async (name) => [name, await serveFake(() => [])] as const));
  servers = Object.fromEntries(entries) as Record<ApiName, ServedFake>;
  const urls = Object.fromEntries(API_NAMES.map((name) => [name, servers[name].url])) as Record<ApiName, string>;
  world = buildWorld(urls);
  for (const name of API_NAMES) servers[name].setHandlers(world.handlers[name]);
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

describe('community-pulse run (a real process against loopback fakes)', () => {
  it('collects every source of examples/goals.yml and writes the snapshot, report and history', async () => {
    const { dir, goals } = workspace(world);
    const result = await runCli(['run', '--goals', goals, '--period', '2026-10', '--dry-run', '--out', 'out'], dir, world.env);
    expect(result.stderr).toContain('2026-10 wider-community-contributors: 3 contributors');
    expect(result.code, result.stderr).toBe(0);

    const snapshot = JSON.parse(readFileSync(join(dir, 'out/snapshot.json'), 'utf8')) as {
      period: string;
      schema_version: number;
      metrics: Record<string, { value: number; status: string; health: { level: number; reasons: string[] }; definition_hash: string }>;
    };
    expect(snapshot.period).toBe('2026-10');
    expect(snapshot.schema_version).toBe(1);
    expect(Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, m.value]))).toEqual(EXPECTED_OCTOBER);
    for (const [id, metric] of Object.entries(snapshot.metrics)) {
      expect(metric.health.reasons.length, id).toBeGreaterThan(0);
      expect(metric.definition_hash, id).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(snapshot.metrics['education-program-seats']?.status).toBe('manual');
    expect(readdirSync(join(dir, 'out/history'))).toEqual(['2026-10.json']);
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as { period: { label: string }; metrics: unknown[] };
    expect(report.period.label).toBe('2026-10');
    expect(report.metrics).toHaveLength(Object.keys(EXPECTED_OCTOBER).length);

    // No credential in anything the run printed or wrote.
    const everything = [result.stdout, result.stderr, ...['snapshot.json', 'report.json', 'history/2026-10.json'].map((f) => readFileSync(join(dir, 'out', f), 'utf8'))].join('\n');
    for (const secret of world.secrets) expect(everything).not.toContain(secret);
  });

  it('exits 2 with positioned errors and collects nothing when the goals file is broken', async () => {
    const { dir } = workspace({ ...world, goalsYaml: world.goalsYaml.replace('kind: merged_mr_authors', 'kind: merged_mr_author') });
    const before = servers.gitlab.requests.length;
    const result = await runCli(['run', '--goals', 'goals.yml', '--period', '2026-10', '--out', 'out'], dir, world.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^goals\.yml:\d+:\d+: metrics\[0\]\.query\.kind .*merged_mr_authors/m);
    expect(servers.gitlab.requests.length).toBe(before);
  });

  it('rejects a malformed --period with the usage', async () => {
    const { dir } = workspace(world);
    const result = await runCli(['run', '--period', '2026-13'], dir, world.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('YYYY-MM');
  });
});
