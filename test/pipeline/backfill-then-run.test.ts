// Issue 5's promise: after a backfill of twelve months, the monthly run reads history and makes
// requests only for its own month — exactly as many as a run of that month with no history.
import { settledClock } from '../support/clock.ts';
import { describe, expect, it } from 'vitest';
import { server } from '../msw-server.ts';
import { API_NAMES, buildWorld } from '@community-pulse/demo/world';
import { runInProcess, WORLD_URLS, workspace } from './pipeline-harness.ts';

const OCTOBER = { year: 2026, month: 10 };

describe('backfill, then run', () => {
  it('collects only the new month once history holds the twelve before it', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    server.use(...API_NAMES.flatMap((name) => world.handlers[name]));

    const cold = await runInProcess(world, workspace(world).dir, { kind: 'run', period: OCTOBER });

    const { dir } = workspace(world);
    const backfill = await runInProcess(world, dir, { kind: 'backfill', from: { year: 2025, month: 10 }, to: { year: 2026, month: 9 } });
    const run = await runInProcess(world, dir, { kind: 'run', period: OCTOBER });

    console.info(`requests: backfill of 12 months ${backfill.requests} ${JSON.stringify(backfill.byHost)}; run after backfill ${run.requests} ${JSON.stringify(run.byHost)}; cold run of one month ${cold.requests}`);
    // Range APIs (Discourse reports, GA4 yearMonth, Plausible time:month, YouTube month) are asked
    // once for the whole twelve months: as often as for one month.
    for (const host of ['forum.world.test', 'google.world.test', 'plausible.world.test', 'files.world.test']) {
      expect(backfill.byHost[host], host).toBe(cold.byHost[host]);
    }
    // GitLab's merged-MR windows, OCMA and issue walks span the twelve months too (month by month
    // would be 12 × each); only months with authors add first-time and first-review lookups.
    expect(backfill.byHost['gitlab.world.test']).toBeLessThan(2 * (cold.byHost['gitlab.world.test'] ?? 0));
    expect(run.requests).toBe(cold.requests);
    expect(run.log.lines).toContain('history: 12 periods in ' + `${dir}/out/history`);
    // The month is judged with its history: a delta against September exists for the GitLab KPI.
    expect(run.snapshot.metrics['wider-community-contributors']?.value).toBe(3);

    // A second run of the same month collects nothing at all: its only requests are verification's,
    // one per source connection, plus YouTube's check that the token's channel is the configured one,
    // plus the expiry date of the GitLab token the gitlab and repo-file sources share (one per env var).
    const again = await runInProcess(world, dir, { kind: 'run', period: OCTOBER });
    const verified = again.log.lines.filter((l) => l.startsWith('verified: source'));
    expect(verified).toHaveLength(6);
    expect(again.requests).toBe(verified.length + 1 + 1);
    expect(again.log.lines.some((l) => l.startsWith('collecting'))).toBe(false);
    expect(again.snapshot.metrics['wider-community-contributors']?.value).toBe(3);
  });
});
