// The demo must not contradict itself: the retention detail of October lists the cohorts of July,
// August and September, counted live from the GitLab records; the sample history holds the
// first-time contributors of those same months. They must be the same people counted twice, so
// the same numbers. Both are read over real HTTP: the cohorts by the GitLab collector against the
// sample world's GitLab, the history from its handbook repository.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSampleWorld, type SampleWorld, HANDBOOK_PROJECT, HANDBOOK_TOKEN } from '@community-pulse/demo/sample-world';
import { GitlabRepoStore } from '../../src/history/gitlab-store.ts';
import { periodOf } from '../../src/periods/periods.ts';
import { gitlabSource } from '../../src/sources/gitlab/index.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { allowLoopback } from '../support/loopback.ts';

let world: SampleWorld;
beforeAll(async () => {
  world = await startSampleWorld({ scale: 'demo' });
});
afterAll(() => world.close());
beforeEach(allowLoopback);

describe('the demo: retention detail and first-time history agree', () => {
  it("each cohort of October's retention has as many first-timers as the history says that month had", async () => {
    const { client, log } = testClient();
    const store = new GitlabRepoStore({ http: client, url: world.servers.handbook.url, project: HANDBOOK_PROJECT, ref: 'main', dataDir: 'data/developer_relations/pulse', token: HANDBOOK_TOKEN, log });
    const history = await store.readAll();
    const collector = gitlabSource.createCollector({ http: client, log, now: () => new Date('2026-11-02T06:00:00Z'), secret: (name) => world.env[name] ?? '' }, 'gitlab', { type: 'gitlab', url: world.servers.gitlab.url, token_env: 'PULSE_GITLAB_TOKEN' });
    const outcome = await collector.collect({ id: 'contributor-retention', query: { kind: 'contributor_retention', group: 'gitlab-org', within_months: 3 } }, periodOf({ year: 2026, month: 10 }, 'UTC'));
    const cohorts = (outcome.breakdown?.items ?? []).map((c) => [c.key, c.count]);
    const recorded = cohorts.map(([month]) => [month, history.get(String(month))?.metrics['first-time-contributors']?.value]);
    expect(cohorts).toEqual(recorded);
    // A real team's months: every cohort has people (the page said "Aug '26 no first-timers").
    for (const [, count] of cohorts) expect(count).toBeGreaterThan(20);
  });
});
