// Two promises of the pipeline, tested without timing: a source that hangs does not hold back
// the other sources' requests, and history comes from the handbook repository when its token is set.
import { http } from 'msw';
import { settledClock } from '../support/clock.ts';
import { events } from '../support/events.ts';
import { describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { server } from '../msw-server.ts';
import { API_NAMES, buildWorld, EXPECTED_OCTOBER, GITLAB_TOKEN } from '@community-pulse/demo/world';
import { runInProcess, WORLD_URLS, workspace } from './pipeline-harness.ts';

const OCTOBER = { year: 2026, month: 10 };

describe('a slow source', () => {
  it('does not hold back the requests of the others', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    const others = Object.keys(EXPECTED_OCTOBER).filter((id) => id !== 'devrel-content-pageviews');
    const lines: string[] = [];
    const collected = new Set<string>();
    const othersCollected = events('other metrics logged as collected');
    let heldTooLong = false;
    server.use(
      // Plausible answers only once every other metric has been logged as collected: if any of
      // them waited for Plausible (sequential collection), this would never happen; after 10 s
      // the hold is given up and the test fails with that message instead of a runner timeout.
      http.post(`${WORLD_URLS.plausible}/api/v2/query`, async ({ request }) => {
        // Only October's query is held; verification's check (today's visitors) passes at once.
        const body = (await request.clone().json()) as { date_range?: string[] };
        if (body.date_range?.[0] !== '2026-10-01') return undefined;
        await othersCollected.reached(others.length).catch(() => (heldTooLong = true));
        return undefined; // fall through to the real fake's answer
      }),
      ...API_NAMES.flatMap((name) => world.handlers[name]),
    );
    const { dir } = workspace(world);
    const { snapshot, exitCode } = await runInProcess(world, dir, { kind: 'run', period: OCTOBER }, undefined, (line) => {
      lines.push(line);
      const id = others.find((other) => line.includes(` ${other}: `));
      if (id !== undefined && !collected.has(id)) {
        collected.add(id);
        othersCollected.happened();
      }
    });
    expect(heldTooLong, 'the other metrics were never collected while Plausible was held: collection waits for Plausible').toBe(false);
    const order = others.map((id) => lines.findIndex((l) => l.includes(` ${id}: `)));
    const plausibleLine = lines.findIndex((l) => l.includes(' devrel-content-pageviews: '));
    expect(Math.max(...order)).toBeLessThan(plausibleLine);
    expect(snapshot.metrics['devrel-content-pageviews']?.value).toBe(EXPECTED_OCTOBER['devrel-content-pageviews']);
    expect(exitCode).toBe(0);
  });
});

describe('history from the handbook repository', () => {
  it('is read through the GitLab API when publish.handbook.token_env is set, and used for deltas', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    server.use(...API_NAMES.flatMap((name) => world.handlers[name]));
    // September, as an earlier run committed it to the handbook: produce it with the pipeline itself.
    const earlier = workspace(world);
    await runInProcess(world, earlier.dir, { kind: 'run', period: { year: 2026, month: 9 } });
    const { readFileSync } = await import('node:fs');
    const september = JSON.parse(readFileSync(`${earlier.dir}/out/history/2026-09.json`, 'utf8')) as Snapshot;

    const handbook = 'https://handbook.world.test';
    const repo = gitlabRepoFake({
      projects: {
        'gitlab-com/content-sites/handbook': { id: 7, visibility: 'private', branches: { main: { 'data/developer_relations/pulse/2026-09.json': serializeSnapshot(september) } } },
      },
      tokens: ['glpat-Handbook0Token0abcdefgh'],
    });
    server.use(...gitlabRepoHandlers(handbook, repo));
    const withHandbook = {
      ...world,
      goalsYaml: world.goalsYaml.replace('    project: gitlab-com/content-sites/handbook', `    url: ${handbook}\n    project: gitlab-com/content-sites/handbook`),
      env: { ...world.env, PULSE_HANDBOOK_TOKEN: 'glpat-Handbook0Token0abcdefgh' },
    };
    const { dir } = workspace(withHandbook);
    const { log, snapshot } = await runInProcess(withHandbook, dir, { kind: 'run', period: OCTOBER });

    expect(log.lines).toContain('history: 1 period in gitlab-com/content-sites/handbook@main:data/developer_relations/pulse');
    // verify reads one tree entry (read access), then history lists the tree, reads the file and
    // looks for the job's open merge requests (a month waiting for review counts as history).
    expect(repo.requests.filter((r) => ['tree', 'raw', 'merge-requests'].includes(r.api)).map((r) => r.api)).toEqual(['tree', 'tree', 'raw', 'merge-requests']);
    // In a dry run with the token set, the publishing side is verified too: scopes, role, branch;
    // and the token's expiry date (a second GET /personal_access_tokens/self).
    expect(
      repo.requests
        .filter((r) => ['token', 'project', 'branch'].includes(r.api))
        .map((r) => r.api)
        .sort(),
    ).toEqual(['branch', 'project', 'token', 'token']);
    expect(log.lines).toContain('verified: PULSE_HANDBOOK_TOKEN can read gitlab-com/content-sites/handbook');
    expect(snapshot.metrics['wider-community-contributors']?.value).toBe(3);
    expect(log.lines.join('\n')).not.toContain('glpat-Handbook0Token0abcdefgh');
    expect(log.lines.join('\n')).not.toContain(GITLAB_TOKEN);
  });
});
