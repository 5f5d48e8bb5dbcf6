// examples/open-source-company.goals.yml, run as CI runs it (a child process) against the sample
// world with that example selected: GitHub, npm, PyPI and the docs site on their own loopback
// servers, the forum and the handbook the sample world's. Every value is hand-counted in
// demo/open-source.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSampleWorld, type SampleWorld } from '@community-pulse/demo/sample-world';
import { OPEN_SOURCE_EXPECTED } from '@community-pulse/demo/open-source';
import { spawnCli } from '../support/spawn-cli.ts';

let world: SampleWorld;
beforeAll(async () => {
  world = await startSampleWorld({ example: 'open-source-company', historyMonths: 0 });
});
afterAll(() => world.close());

describe('the open-source company example against the sample world', () => {
  it('collects every metric of the example with the hand-counted values, and prints no credential', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-oss-'));
    writeFileSync(join(dir, 'goals.yml'), world.goalsYaml);
    const ran = await spawnCli(['run', '--goals', 'goals.yml', '--period', world.period, '--dry-run', '--out', 'out'], dir, { ...world.env, CI: 'true' }, 90_000);
    expect(ran.code, ran.stderr).toBe(0);
    const snapshot = JSON.parse(readFileSync(join(dir, 'out/snapshot.json'), 'utf8')) as { metrics: Record<string, { value: number; status: string }> };
    expect(Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, m.value]))).toEqual(OPEN_SOURCE_EXPECTED);
    const everything = [ran.stdout, ran.stderr, readFileSync(join(dir, 'out/snapshot.json'), 'utf8'), readFileSync(join(dir, 'out/report.json'), 'utf8')].join('\n');
    for (const secret of world.secrets) expect(everything).not.toContain(secret);
  });
});
