// Issue 5's promise: after a backfill of twelve months, the monthly run reads history and makes
// requests only for its own month — exactly as many as a run of that month with no history.
import { describe, expect, it } from 'vitest';
import { server } from '../msw-server.ts';
import { API_NAMES, buildWorld } from '../../src/demo/world.ts';
import { runInProcess, WORLD_URLS, workspace } from './pipeline-harness.ts';

const OCTOBER = { year: 2026, month: 10 };

describe('backfill, then run', () => {
  it('collects only the new month once history holds the twelve before it', async () => {
    const world = buildWorld(WORLD_URLS, () => new Date('2026-11-02T06:00:00Z'));
    server.use(...API_NAMES.flatMap((name) => world.handlers[name]));

    const cold = await runInProcess(world, workspace(world).dir, { kind: 'run', period: OCTOBER });

    const { dir } = workspace(world);
    const backfill = await runInProcess(world, dir, { kind: 'backfill', from: { year: 2025, month: 10 }, to: { year: 2026, month: 9 } });
    const run = await runInProcess(world, dir, { kind: 'run', period: OCTOBER });

    console.info(`requests: backfill of 12 months ${backfill.requests} ${JSON.stringify(backfill.byHost)}; run after backfill ${run.requests} ${JSON.stringify(run.byHost)}; cold run of one month ${cold.requests}`);
    expect(backfill.requests).toBeGreaterThan(cold.requests * 6);
    expect(run.requests).toBe(cold.requests);
    expect(run.log.lines).toContain('history: 12 periods in ' + `${dir}/out/history`);
    // The month is judged with its history: a delta against September exists for the GitLab KPI.
    expect(run.snapshot.metrics['wider-community-contributors']?.value).toBe(3);

    // A second run of the same month collects nothing at all.
    const again = await runInProcess(world, dir, { kind: 'run', period: OCTOBER });
    expect(again.requests).toBe(0);
    expect(again.snapshot.metrics['wider-community-contributors']?.value).toBe(3);
  });
});
