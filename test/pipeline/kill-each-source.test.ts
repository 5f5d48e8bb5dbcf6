// Issue 4's promise: a source that fails marks only its own metrics unavailable; every other
// metric of the snapshot is intact, and the run exits 3. Each API of the world is killed in turn.
import { http, HttpResponse } from 'msw';
import { settledClock } from '../support/clock.ts';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.ts';
import { server } from '../msw-server.ts';
import { API_NAMES, type ApiName, buildWorld, EXPECTED_OCTOBER } from '@community-pulse/demo/world';
import { runInProcess, WORLD_URLS, workspace } from './pipeline-harness.ts';

const METRICS_OF: Record<ApiName, string[]> = {
  gitlab: [
    'wider-community-contributors',
    'merged-community-mrs',
    'first-time-contributors',
    'returning-contributors',
    'contributor-retention',
    'community-mrs-per-release',
    'community-mr-time-to-merge',
    'community-mr-time-to-first-review',
    'open-community-mr-age',
    'meetups',
    'contributing-customers',
    'mrarr',
    'contributing-organisations',
    'organisational-diversity',
  ],
  forum: ['forum-monthly-active-users', 'forum-time-to-first-response'],
  google: ['user-content-pageviews', 'youtube-views', 'devrel-signups'],
  plausible: ['devrel-content-pageviews'],
  // The organisation metrics read the organisations file from the files host too.
  files: ['heroes-talks', 'heroes-blog-posts', 'contributing-customers', 'mrarr', 'contributing-organisations', 'organisational-diversity'],
};

describe('run with every source answering', () => {
  it('fills every metric of examples/goals.yml with the hand-counted value', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    server.use(...API_NAMES.flatMap((name) => world.handlers[name]));
    const { dir } = workspace(world);
    const { exitCode, snapshot } = await runInProcess(world, dir, { kind: 'run', period: { year: 2026, month: 10 } });
    const values = Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, m.value]));
    expect(values).toEqual(EXPECTED_OCTOBER);
    expect(exitCode).toBe(EXIT.ok);
    for (const metric of Object.values(snapshot.metrics)) expect(metric.health?.level).toBeGreaterThan(0);
  });
});

describe.each(API_NAMES)('when %s is down', (killed) => {
  it('marks only its metrics unavailable and keeps the rest of the snapshot', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    server.use(
      http.all(`${WORLD_URLS[killed]}/*`, () => HttpResponse.text('<html><title>503 Service Unavailable</title></html>', { status: 503 })),
      ...API_NAMES.filter((name) => name !== killed).flatMap((name) => world.handlers[name]),
    );
    const { dir } = workspace(world);
    const { exitCode, snapshot, log } = await runInProcess(world, dir, { kind: 'run', period: { year: 2026, month: 10 } });

    expect(exitCode).toBe(EXIT.unavailable);
    for (const [id, expected] of Object.entries(EXPECTED_OCTOBER)) {
      const metric = snapshot.metrics[id];
      if (METRICS_OF[killed].includes(id)) {
        expect(metric, id).toMatchObject({ value: null, status: 'unavailable', health: { level: 0 } });
        expect(metric?.reason, id).toMatch(/503/);
      } else {
        expect(metric?.value, id).toBe(expected);
      }
    }
    const printed = log.lines.join('\n') + JSON.stringify(snapshot);
    for (const secret of world.secrets) expect(printed).not.toContain(secret);
  });
});
