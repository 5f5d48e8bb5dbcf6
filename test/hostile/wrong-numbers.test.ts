// Issue 10 items 8 and 15: numbers and strings from APIs are validated at the source boundary.
// A negative count is a bad answer (the metric unavailable, with the reason), never a value; a
// javascript: URL or a 100 KB name never reaches snapshot.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopback, type Loopback } from './loopback.ts';
import { runCli, tempDir } from './spawn.ts';

let forum: Loopback;
let plausible: Loopback;
let gitlab: Loopback;
let gitlabAnswer: unknown;

beforeAll(async () => {
  forum = await loopback((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ report: { data: [{ x: '2026-10-05', y: -1550 }] } }));
  });
  plausible = await loopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ results: [{ metrics: [-1234] }] }));
  });
  gitlab = await loopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(gitlabAnswer));
  });
});
afterAll(async () => {
  await Promise.all([forum.close(), plausible.close(), gitlab.close()]);
});

const ENV = { PULSE_KEY: 'forum-key-12345678', PULSE_PLAUSIBLE: 'plausible-key-12345678', PULSE_GITLAB: 'gitlab-token-12345678' };

function goals(): string {
  return [
    'version: 1',
    'report: { title: T, org: O, base_path: /x/ }',
    'sources:',
    `  forum: { type: discourse, url: "${forum.url}", api_key_env: PULSE_KEY, api_username: system }`,
    `  site: { type: plausible, url: "${plausible.url}", site_id: example.com, api_key_env: PULSE_PLAUSIBLE }`,
    `  gl: { type: gitlab, url: "${gitlab.url}", token_env: PULSE_GITLAB }`,
    'metrics:',
    '  - { id: topics, name: Topics, definition: Topics, source: forum, query: { kind: new_topics } }',
    '  - { id: views, name: Views, definition: Views, source: site, query: { kind: pageviews } }',
    '  - { id: authors, name: Authors, definition: Authors, source: gl, query: { kind: merged_mr_authors, group: g } }',
    '',
  ].join('\n');
}

function mrPage(author: { username: string; name: string; webUrl: string }) {
  return {
    data: {
      group: {
        mergeRequests: {
          nodes: [{ iid: '1', webUrl: 'https://gitlab.example.com/g/p/-/merge_requests/1', mergedAt: '2026-10-10T10:00:00Z', project: { fullPath: 'g/p' }, author: { ...author, bot: false } }],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      },
    },
  };
}

describe('negative counts (item 8)', () => {
  it('Discourse -1,550 topics and Plausible -1,234 page views are unavailable with the reason, not values', async () => {
    gitlabAnswer = mrPage({ username: 'ann', name: 'Ann', webUrl: 'https://gitlab.example.com/ann' });
    const dir = tempDir({ 'goals.yml': goals() });
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out'], dir, ENV);
    expect(result.code, result.stderr).toBe(3);
    const snapshot = JSON.parse(readFileSync(join(dir, 'out/snapshot.json'), 'utf8')) as { metrics: Record<string, { value: number | null; status: string; reason?: string }> };
    for (const id of ['topics', 'views']) {
      expect(snapshot.metrics[id]?.status, id).toBe('unavailable');
      expect(snapshot.metrics[id]?.value, id).toBeNull();
      expect(snapshot.metrics[id]?.reason, id).toMatch(/negative/);
    }
  });
});

describe('strings from APIs (item 15)', () => {
  it('a javascript: profile URL is a bad answer, not stored', async () => {
    gitlabAnswer = mrPage({ username: 'eve', name: 'Eve', webUrl: 'javascript:alert(1)' });
    const dir = tempDir({ 'goals.yml': goals() });
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out'], dir, ENV);
    const text = readFileSync(join(dir, 'out/snapshot.json'), 'utf8');
    expect(result.code).toBe(3);
    expect(text).not.toContain('javascript:');
    expect(text).toMatch(/http or https/);
  });

  it('a 100 KB name is cut to a bounded length', async () => {
    gitlabAnswer = mrPage({ username: 'mallory', name: 'M'.repeat(100_000), webUrl: 'https://gitlab.example.com/mallory' });
    const dir = tempDir({ 'goals.yml': goals() });
    await runCli(['run', '--period', '2026-10', '--out', 'out'], dir, ENV);
    const text = readFileSync(join(dir, 'out/snapshot.json'), 'utf8');
    expect(text).not.toContain('M'.repeat(1000));
  });
});
