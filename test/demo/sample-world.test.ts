// The sample world as the demo starts it: every API on loopback, the handbook with two years of
// judged history, SMTP — read back through the project's own history store over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSampleWorld, type SampleWorld, HANDBOOK_PROJECT, HANDBOOK_TOKEN } from '@community-pulse/demo/sample-world';
import { sampleValue } from '@community-pulse/demo/history';
import { EXPECTED_OCTOBER } from '@community-pulse/demo/world';
import { GitlabRepoStore } from '../../src/history/gitlab-store.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { allowLoopback } from '../support/loopback.ts';

let world: SampleWorld;
beforeAll(async () => {
  world = await startSampleWorld();
});
afterAll(() => world.close());
beforeEach(allowLoopback);

describe('the sample world', () => {
  it('serves 24 judged months of history from the handbook repository on loopback', async () => {
    const { client, log } = testClient();
    const store = new GitlabRepoStore({ http: client, url: world.servers.handbook.url, project: HANDBOOK_PROJECT, ref: 'main', dataDir: 'data/developer_relations/pulse', token: HANDBOOK_TOKEN, log });
    const history = await store.readAll();
    expect([...history.keys()][0]).toBe('2024-10');
    expect([...history.keys()].at(-1)).toBe('2026-09');
    expect(history.size).toBe(24);
    const september = history.get('2026-09')!;
    expect(september.metrics['wider-community-contributors']?.value).toBe(sampleValue(EXPECTED_OCTOBER['wider-community-contributors'] ?? 0, { year: 2026, month: 10 }, 1, 1));
    for (const metric of Object.values(september.metrics)) expect(metric.health?.reasons.length).toBeGreaterThan(0);
    expect(log.lines.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  it('points every source and the publish settings at loopback', () => {
    expect(world.goalsYaml).not.toMatch(/https:\/\/(gitlab\.com|forum\.gitlab\.com|smtp\.example\.com)/);
    expect(world.goalsYaml).toContain(`url: ${world.servers.handbook.url}`);
    expect(world.goalsYaml).toContain(`port: ${world.smtp.port}`);
  });
});
