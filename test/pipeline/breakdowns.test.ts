// The new indicators end to end: after a backfill and the monthly run, the snapshot keeps each
// breakdown and the estimate flag, and report.json gives renderers the per-release series.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { server } from '../msw-server.ts';
import { API_NAMES, buildWorld } from '@community-pulse/demo/world';
import { runInProcess, WORLD_URLS, workspace } from './pipeline-harness.ts';
import { NOW } from '../support/clock.ts';

describe('breakdowns through the pipeline', () => {
  it('records releases, cohorts, statistics and items, and reports the per-release series', async () => {
    // The world and the run share one clock (NOW): this test reads no source that settles late.
    const world = buildWorld(WORLD_URLS, () => new Date(NOW));
    server.use(...API_NAMES.flatMap((name) => world.handlers[name]));
    const { dir } = workspace(world);
    await runInProcess(world, dir, { kind: 'backfill', from: { year: 2026, month: 9 }, to: { year: 2026, month: 9 } }, NOW);
    const { snapshot } = await runInProcess(world, dir, { kind: 'run', period: { year: 2026, month: 10 } }, NOW);
    const raw = JSON.parse(readFileSync(join(dir, 'out/snapshot.json'), 'utf8')) as { metrics: Record<string, { breakdown?: { kind: string; items: Array<Record<string, unknown>> } }> };
    expect(raw.metrics['community-mrs-per-release']?.breakdown).toEqual({ kind: 'releases', items: [{ key: '17.5', label: '17.5', value: 2, date: '2026-10-15' }] });
    expect(raw.metrics['contributor-retention']?.breakdown?.kind).toBe('cohorts');
    expect(raw.metrics['contributor-retention']?.breakdown?.items.map((i) => [i.key, i.value, i.partial ?? false])).toEqual([
      ['2026-07', 50, false],
      ['2026-08', null, true],
      ['2026-09', 100, true], // alice, whose first MR was in September, merged again in October
    ]);
    expect(raw.metrics['meetups']?.breakdown?.items.map((i) => i.label)).toEqual(['GitLab Meetup Berlin', 'GitLab Meetup Lagos']);
    expect(snapshot.metrics['open-community-mr-age']?.value).toBe(14);

    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as {
      metrics: Array<{ id: string; releases: unknown[]; breakdown: { kind: string } | null; estimate: boolean }>;
    };
    const releases = report.metrics.find((m) => m.id === 'community-mrs-per-release');
    // September's snapshot recorded 17.4 (no community MR had that milestone); October 17.5.
    expect(releases?.releases).toEqual([
      { release: '17.4', due_date: '2026-09-17', value: 0, period: '2026-09' },
      { release: '17.5', due_date: '2026-10-15', value: 2, period: '2026-10' },
    ]);
    expect(report.metrics.find((m) => m.id === 'community-mr-time-to-merge')?.breakdown?.kind).toBe('statistics');
    expect(report.metrics.find((m) => m.id === 'forum-monthly-active-users')?.estimate).toBe(false);
    expect(report.metrics.find((m) => m.id === 'wider-community-contributors')?.breakdown).toBeNull();
  });
});
