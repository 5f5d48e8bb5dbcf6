// `run --refresh` collects a month again; when a source cannot answer now (an outage, or Discord,
// which keeps no history), the value on record stays: a refresh never turns a measurement into a gap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.ts';
import { runPipeline } from '../../src/pipeline/pipeline.ts';
import { server } from '../msw-server.ts';
import { settledClock } from '../support/clock.ts';
import { API_NAMES, buildWorld, EXPECTED_OCTOBER } from '@community-pulse/demo/world';
import { harnessDeps, runOptions, WORLD_URLS, workspace } from './pipeline-harness.ts';

const OCTOBER = { kind: 'run', period: { year: 2026, month: 10 } } as const;
const FORUM = ['forum-monthly-active-users', 'forum-time-to-first-response'];

type Stored = { metrics: Record<string, { value: number | null; status: string; collected_at: string; reason?: string }> };
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Stored;

describe('run --refresh while a source is down', () => {
  it('keeps the recorded values of that source, says so, and re-collects the rest', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    server.use(...API_NAMES.flatMap((name) => world.handlers[name]));
    const { dir } = workspace(world);
    const first = harnessDeps(world.env, dir);
    expect((await runPipeline(runOptions(OCTOBER), first)).exitCode).toBe(EXIT.ok);
    const before = read(join(dir, 'out', 'history', '2026-10.json'));

    server.use(http.all(`${WORLD_URLS.forum}/*`, () => HttpResponse.text('<html><title>503 Service Unavailable</title></html>', { status: 503 })));
    const again = harnessDeps(world.env, dir);
    const outcome = await runPipeline(runOptions(OCTOBER, { refresh: true }), again);

    const stored = read(join(dir, 'out', 'history', '2026-10.json'));
    const report = read(join(dir, 'out', 'snapshot.json'));
    for (const id of FORUM) {
      expect(stored.metrics[id]).toEqual(before.metrics[id]);
      expect(report.metrics[id]).toMatchObject({ value: EXPECTED_OCTOBER[id], status: 'ok' });
      expect(again.log.lines.some((line) => line.includes(`2026-10 ${id}: kept the recorded value`) && line.includes('the source could not answer again'))).toBe(true);
    }
    // Everything else was collected again (the world's clock is fixed, so the requests show it).
    expect(Object.keys(again.http.stats().byHost)).toEqual(expect.arrayContaining(['gitlab.world.test', 'plausible.world.test']));
    expect(stored.metrics['wider-community-contributors']).toMatchObject({ value: EXPECTED_OCTOBER['wider-community-contributors'], status: 'ok' });
    expect(outcome.exitCode).toBe(EXIT.ok);
  });
});
