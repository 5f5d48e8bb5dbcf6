// Issue 10's end-to-end leak check for the sources of issue 23 (Discord, the generic JSON source):
// a real `run` against servers whose error bodies echo the request's own credential after N filler
// characters around the 200-character excerpt cut. No piece of a credential may reach stderr,
// snapshot.json, report.json or history/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopback, type Loopback } from './loopback.ts';
import { runCli, tempDir } from './spawn.ts';

const TOKENS = { PULSE_DISCORD: 'MTk4Ng.Gx7Qp2.Discord-bot-token-Zr5', PULSE_JSON: 'Ys4Dq9Wn1Lc6Hv2B-json-api' } as const;
let filler = 0;
const servers: Record<string, Loopback> = {};

beforeAll(async () => {
  for (const [name, token] of Object.entries(TOKENS)) {
    servers[name] = await loopback((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `${'x'.repeat(filler)} ${token}`, code: 50035 }));
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
    `  chat: { type: discord, url: "${servers.PULSE_DISCORD?.url}", guild_id: "613425648685547541", bot_token_env: PULSE_DISCORD }`,
    `  stats: { type: json, url: "${servers.PULSE_JSON?.url}/v1?from={{start}}", credential_env: PULSE_JSON, credential_prefix: "Bearer " }`,
    'metrics:',
    '  - { id: members, name: Members, definition: Members, source: chat, query: { kind: members } }',
    '  - { id: signups, name: Signups, definition: Signups, source: stats, query: { kind: count, select: $.n } }',
    '',
  ].join('\n');
}

describe('no piece of a Discord or JSON-source credential in anything a run writes', () => {
  // The default period (the previous month) is one Discord can answer for.
  it.each([185, 195, 199, 200, 201])('error bodies of %i x + the token', async (n) => {
    filler = n;
    const dir = tempDir({ 'goals.yml': goals() });
    const result = await runCli(['run', '--out', 'out', '--verbose'], dir, { ...TOKENS });
    expect(result.code, result.stderr).toBe(3);
    const files = ['snapshot.json', 'report.json', ...readdirSync(join(dir, 'out/history')).map((f) => `history/${f}`)];
    const everything = [result.stdout, result.stderr, ...files.map((f) => readFileSync(join(dir, 'out', f), 'utf8'))].join('\n');
    expect(everything).toContain('rejected the request (400)');
    expect(servers.PULSE_DISCORD?.requests.at(-1)?.authorization).toBe(`Bot ${TOKENS.PULSE_DISCORD}`);
    expect(servers.PULSE_JSON?.requests.at(-1)?.authorization).toBe(`Bearer ${TOKENS.PULSE_JSON}`);
    for (const token of Object.values(TOKENS)) expect(everything).not.toContain(token.slice(0, 6));
  });
});
