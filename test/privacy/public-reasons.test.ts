// Issue 18: the PI data file is public. A metric whose source failed shows plain words there
// ("not available this month"), never the source's error text, which can name a host and a URL;
// the error stays in the CI log (and the team-only text summary).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { API_NAMES, buildWorld } from '@community-pulse/demo/world';
import { settledClock } from '../support/clock.ts';
import { server } from '../msw-server.ts';
import { runInProcess, WORLD_URLS, workspace } from '../pipeline/pipeline-harness.ts';

const INTERNAL_HOST = 'db-7.internal.corp.example';
const INTERNAL_URL = `https://${INTERNAL_HOST}:5432/replica?user=pulse`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('PI data of a month whose source failed', () => {
  it('says "not available this month" and carries neither the error, its URL nor its hostname', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    server.use(
      // The forum's error names an internal URL and host, as a proxy's error page or a JSON error can.
      http.all(`${WORLD_URLS.forum}/*`, () => HttpResponse.json({ errors: [`upstream ${INTERNAL_URL} refused: ${INTERNAL_HOST} is read-only`] }, { status: 422 })),
      ...API_NAMES.filter((name) => name !== 'forum').flatMap((name) => world.handlers[name]),
    );
    const { dir } = workspace(world);
    const { snapshot, log } = await runInProcess(world, dir, { kind: 'run', period: { year: 2026, month: 10 } });
    const failed = snapshot.metrics['forum-monthly-active-users'];
    expect(failed?.status).toBe('unavailable');
    // The detail is kept for the team: the CI log says what went wrong.
    expect(log.lines.join('\n')).toContain(INTERNAL_HOST);

    const piFile = filesUnder(join(dir, 'out')).find((f) => f.endsWith('developer_relations.yml'));
    expect(piFile).toBeDefined();
    const pi = readFileSync(piFile ?? '', 'utf8');
    expect(pi).not.toContain(INTERNAL_HOST);
    expect(pi).not.toContain('corp.example');
    expect(pi).not.toContain('https://forum.world.test');
    expect(pi).not.toContain('forum.world.test');
    expect(pi).not.toContain('422');
    expect(pi).toMatch(/reasons:\n\s+- "not available this month"/);
  });

  it('the stored snapshot (the file committed to the handbook) has plain words too; --out/snapshot.json keeps the error for the team', async () => {
    const world = buildWorld(WORLD_URLS, settledClock);
    server.use(
      http.all(`${WORLD_URLS.forum}/*`, () => HttpResponse.json({ errors: [`upstream ${INTERNAL_URL} refused: ${INTERNAL_HOST} is read-only`] }, { status: 422 })),
      ...API_NAMES.filter((name) => name !== 'forum').flatMap((name) => world.handlers[name]),
    );
    const { dir } = workspace(world);
    const { snapshot } = await runInProcess(world, dir, { kind: 'run', period: { year: 2026, month: 10 } });
    expect(snapshot.metrics['forum-monthly-active-users']?.reason).toContain(INTERNAL_HOST);
    const stored = readFileSync(join(dir, 'out', 'history', '2026-10.json'), 'utf8');
    expect(stored).not.toContain(INTERNAL_HOST);
    expect(stored).not.toContain('forum.world.test');
    const metric = (JSON.parse(stored) as { metrics: Record<string, { status: string; reason?: string; health?: { reasons: string[] } }> }).metrics['forum-monthly-active-users'];
    expect(metric?.status).toBe('unavailable');
    expect(metric?.reason).toMatch(/^not available this month/);
    expect(metric?.health?.reasons[0]).toMatch(/^no data: not available this month/);
  });
});
