// Issue 10 item 1, end to end: every HTTP source of a real `run` answers with an error body that
// echoes its own credential after N filler characters, N around the 200-character excerpt cut. No
// piece of any credential may reach stderr, snapshot.json, report.json or history/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopback, type Loopback } from './loopback.ts';
import { runCli, tempDir } from './spawn.ts';

const TOKENS = { PULSE_KEY: 'Qf7Rk2Lm9Np4Zs8T-forum', PULSE_PLAUSIBLE: 'Wv3Bn6Hc1Jd5Yg0U-plaus', PULSE_GITLAB: 'Ke8Ut2Oa6Ir3Py9E-gitlab' } as const;
let filler = 0;
const servers: Record<string, Loopback> = {};

beforeAll(async () => {
  for (const [name, token] of Object.entries(TOKENS)) {
    servers[name] = await loopback((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `${'x'.repeat(filler)} ${token}`, error: `${'x'.repeat(filler)} ${token}` }));
    });
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

function goals(): string {
  return [
    'version: 1',
    'report: { title: T, org: O, base_path: /x/ }',
    'sources:',
    `  forum: { type: discourse, url: "${servers.PULSE_KEY?.url}", api_key_env: PULSE_KEY, api_username: system }`,
    `  site: { type: plausible, url: "${servers.PULSE_PLAUSIBLE?.url}", site_id: example.com, api_key_env: PULSE_PLAUSIBLE }`,
    `  gl: { type: gitlab, url: "${servers.PULSE_GITLAB?.url}", token_env: PULSE_GITLAB }`,
    'metrics:',
    '  - { id: topics, name: Topics, definition: Topics, source: forum, query: { kind: new_topics } }',
    '  - { id: views, name: Views, definition: Views, source: site, query: { kind: pageviews } }',
    '  - { id: authors, name: Authors, definition: Authors, source: gl, query: { kind: merged_mr_authors, group: g } }',
    '',
  ].join('\n');
}

describe('no piece of a credential in anything a run writes', () => {
  it.each([170, 180, 185, 190, 195, 198, 199, 200, 201])('error bodies of %i x + the token', async (n) => {
    filler = n;
    const dir = tempDir({ 'goals.yml': goals() });
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out', '--verbose'], dir, { ...TOKENS });
    expect(result.code, result.stderr).toBe(3);
    const files = ['snapshot.json', 'report.json', ...readdirSync(join(dir, 'out/history')).map((f) => `history/${f}`)];
    const everything = [result.stdout, result.stderr, ...files.map((f) => readFileSync(join(dir, 'out', f), 'utf8'))].join('\n');
    expect(everything).toContain('rejected the request (400)');
    for (const token of Object.values(TOKENS)) expect(everything).not.toContain(token.slice(0, 4));
  });
});
