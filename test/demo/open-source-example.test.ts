// examples/open-source-company.goals.yml, run for real (`run`, not a dry run) against the sample
// world with that example selected: GitHub, npm, PyPI, the docs site, Discord and the events JSON
// API on their own loopback servers, the forum, the handbook, SMTP and the Slack and Teams webhooks
// the sample world's. Every value is hand-counted in demo/open-source.ts.
//
// The CLI runs in this process with the job's clock: Discord's counts exist only "now", so the
// source collects only the month that ended at most 31 days before the run, and October 2026 is
// reported by a job that runs early in November (SETTLED_NOW, when every source has settled).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, passthrough } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSampleWorld, type SampleWorld } from '@community-pulse/demo/sample-world';
import { OPEN_SOURCE_EXPECTED } from '@community-pulse/demo/open-source';
import { main } from '../../src/cli.ts';
import { packageVersion } from '../../src/commands/version.ts';
import { server } from '../msw-server.ts';
import { SETTLED_NOW } from '../support/clock.ts';

// Each test gets its own world: a run that published October leaves it in the handbook, and a
// later run keeps what that one recorded.
let world: SampleWorld;
beforeEach(async () => {
  world = await startSampleWorld({ example: 'open-source-company', historyMonths: 0, now: () => new Date(SETTLED_NOW) });
});
afterEach(() => world.close());
// The job runs in this process, behind the tests' msw guard: let its requests reach the sample
// world's loopback servers (and only those).
beforeEach(() => server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

async function run(args: string[], at: Date): Promise<{ code: number; dir: string; shown: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-oss-'));
  writeFileSync(join(dir, 'goals.yml'), world.goalsYaml);
  let shown = '';
  const write = (c: string) => void (shown += c);
  const code = await main(['run', '--goals', 'goals.yml', '--period', world.period, '--out', 'out', ...args], {
    stdout: { write },
    stderr: { write },
    env: { ...world.env, CI: 'true' },
    cwd: dir,
    now: () => new Date(at),
    version: packageVersion(),
  });
  return { code, dir, shown };
}

type Snapshot = { metrics: Record<string, { value: number | null; status: string; reason?: string }> };
const values = (s: Snapshot) => Object.fromEntries(Object.entries(s.metrics).map(([id, m]) => [id, m.value]));

describe('the open-source company example against the sample world', () => {
  it('collects every metric with the hand-counted values, commits, emails, posts to Slack and Teams, and shows no credential', async () => {
    const { code, dir, shown } = await run(['--no-dry-run'], SETTLED_NOW);
    expect(code, shown).toBe(0);
    const snapshotText = readFileSync(join(dir, 'out/snapshot.json'), 'utf8');
    expect(values(JSON.parse(snapshotText) as Snapshot)).toEqual(OPEN_SOURCE_EXPECTED);
    expect(world.smtp.messages).toHaveLength(1);
    expect(world.chat?.slack.posts).toHaveLength(1);
    expect(world.chat?.teams.posts).toHaveLength(1);
    const project = Object.values(world.handbook.projects)[0];
    expect(Object.keys(project?.branches.main ?? {})).toContain('data/developer_relations/community/2026-10.json');
    const everything = [
      shown,
      snapshotText,
      readFileSync(join(dir, 'out/report.json'), 'utf8'),
      JSON.stringify(world.chat?.slack.posts.map((p) => p.message)),
      JSON.stringify(world.chat?.teams.posts.map((p) => p.message)),
      ...world.smtp.messages.map((m) => JSON.stringify(m)),
    ].join('\n');
    for (const secret of world.secrets) expect(everything).not.toContain(secret);
  });

  it('a run more than 31 days after October (a rerun in December) records Discord as unavailable, with the reason, and the rest as before', async () => {
    const { code, dir, shown } = await run(['--dry-run'], new Date('2026-12-03T06:00:00Z'));
    expect(world.smtp.messages).toHaveLength(0);
    expect(code, shown).not.toBe(2);
    const snapshot = JSON.parse(readFileSync(join(dir, 'out/snapshot.json'), 'utf8')) as Snapshot;
    expect(snapshot.metrics['discord-members']).toMatchObject({ value: null, status: 'unavailable' });
    expect(snapshot.metrics['discord-members']?.reason).toMatch(/keeps no history, so .*2026.* cannot be backfilled/);
    expect(snapshot.metrics['discord-online']?.value).toBeNull();
    expect(values(snapshot)).toEqual({ ...OPEN_SOURCE_EXPECTED, 'discord-members': null, 'discord-online': null });
  });
});
