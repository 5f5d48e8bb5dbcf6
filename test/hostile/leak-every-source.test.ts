// Issue 10 item 1, end to end (and issue 23's Discord and JSON sources): every HTTP source of a real `run` answers with an error body that
// echoes its own credential after N filler characters, N around the 200-character excerpt cut. No
// piece of any credential may reach stderr, snapshot.json, report.json or history/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commitAs } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { HANDBOOK_PROJECT, HANDBOOK_TOKEN, SMTP_PASSWORD, SMTP_USER } from '@community-pulse/demo/sample-world';
import { GITLAB_TOKEN as SAMPLE_GITLAB_TOKEN } from '@community-pulse/demo/world';
import { publishWorld, secretsIn } from '../e2e/harness.ts';
import { loopback, type Loopback } from './loopback.ts';
import { runCli, tempDir } from './spawn.ts';

const TOKENS = {
  PULSE_KEY: 'Qf7Rk2Lm9Np4Zs8T-forum',
  PULSE_PLAUSIBLE: 'Wv3Bn6Hc1Jd5Yg0U-plaus',
  PULSE_GITLAB: 'Ke8Ut2Oa6Ir3Py9E-gitlab',
  PULSE_DISCORD: 'MTk4Ng.Gx7Qp2.Discord-bot-token-Zr5',
  PULSE_JSON: 'Ys4Dq9Wn1Lc6Hv2B-json-api',
} as const;
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
    `  chat: { type: discord, url: "${servers.PULSE_DISCORD?.url}", guild_id: "613425648685547541", bot_token_env: PULSE_DISCORD }`,
    `  stats: { type: json, url: "${servers.PULSE_JSON?.url}/v1?from={{start}}", credential_env: PULSE_JSON, credential_prefix: "Bearer " }`,
    'metrics:',
    '  - { id: topics, name: Topics, definition: Topics, source: forum, query: { kind: new_topics } }',
    '  - { id: views, name: Views, definition: Views, source: site, query: { kind: pageviews } }',
    '  - { id: authors, name: Authors, definition: Authors, source: gl, query: { kind: merged_mr_authors, group: g } }',
    '  - { id: members, name: Members, definition: Members, source: chat, query: { kind: members } }',
    '  - { id: signups, name: Signups, definition: Signups, source: stats, query: { kind: count, select: $.n } }',
    '',
  ].join('\n');
}

describe('no piece of a credential in anything a run writes', () => {
  it.each([170, 180, 185, 190, 195, 198, 199, 200, 201])('error bodies of %i x + the token', async (n) => {
    filler = n;
    const dir = tempDir({ 'goals.yml': goals() });
    // The default period (the previous month): one Discord, which keeps no history, answers for.
    const result = await runCli(['run', '--out', 'out', '--verbose'], dir, { ...TOKENS });
    expect(result.code, result.stderr).toBe(3);
    const files = ['snapshot.json', 'report.json', ...readdirSync(join(dir, 'out/history')).map((f) => `history/${f}`)];
    const everything = [result.stdout, result.stderr, ...files.map((f) => readFileSync(join(dir, 'out', f), 'utf8'))].join('\n');
    expect(everything).toContain('rejected the request (400)');
    // Every source was asked, with its own credential in its own header.
    for (const name of Object.keys(TOKENS) as (keyof typeof TOKENS)[]) expect(servers[name]?.requests.length, name).toBeGreaterThan(0);
    expect(servers.PULSE_DISCORD?.requests.at(-1)?.authorization).toBe(`Bot ${TOKENS.PULSE_DISCORD}`);
    expect(servers.PULSE_JSON?.requests.at(-1)?.authorization).toBe(`Bearer ${TOKENS.PULSE_JSON}`);
    for (const token of Object.values(TOKENS)) expect(everything).not.toContain(token.slice(0, 4));
  });
});

// Issue 19, the last gate: every fake API echoes a credential into the names, usernames and
// titles it answers (and the heroes file source into its entries' titles), the handbook's hand
// edit carries it in its commit title and author, and the SMTP server puts it into every reply,
// including the failure stored as publication.email.error. None of it may reach a commit, a merge
// request, a sent message, a file under --out or the log.
describe('the last gate: a credential echoed by every source and the SMTP server', () => {
  const ECHO_KEYS: Record<string, ReadonlySet<string>> = {
    handbook: new Set(['title', 'author_name']),
    default: new Set(['name', 'title', 'username', 'display_name', 'author_name', 'fullName']),
  };

  function echoInto(value: unknown, keys: ReadonlySet<string>, echo: string): unknown {
    if (Array.isArray(value)) return value.map((v) => echoInto(v, keys, echo));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && keys.has(k) ? `${v} ${echo}` : echoInto(v, keys, echo)]));
  }

  function echoing(name: string, handlers: RequestHandler[], echo: string): RequestHandler[] {
    const keys = ECHO_KEYS[name] ?? ECHO_KEYS.default!;
    return [
      http.all('*', async ({ request }) => {
        const response = await getResponse(handlers, request);
        if (!response) return undefined;
        const type = response.headers.get('content-type') ?? '';
        const text = await response.text();
        let body = text;
        if (type.includes('json')) {
          try {
            body = JSON.stringify(echoInto(JSON.parse(text), keys, echo));
          } catch {
            body = text;
          }
        } else if (type.startsWith('text/')) body = text.replace(/title: "/g, `title: "${echo} `);
        const headers = new Headers(response.headers);
        headers.delete('content-length');
        return new HttpResponse(body, { status: response.status, headers });
      }),
    ];
  }

  it('nothing committed, sent, written or logged carries it (an SMTP failure, then a delivery)', async () => {
    const echo = [SAMPLE_GITLAB_TOKEN, HANDBOOK_TOKEN, SMTP_PASSWORD].join(' ');
    const w = await publishWorld({ wrapHandlers: (name, handlers) => echoing(name, handlers, echo), smtp: { users: { [SMTP_USER]: SMTP_PASSWORD }, echo } });
    try {
      const page = (parse(w.world.goalsYaml) as { publish: { handbook: { page: string } } }).publish.handbook.page;
      commitAs(w.world.handbook, HANDBOOK_PROJECT, 'main', { [page]: '# edited by hand\n' }, { name: `Mallory ${echo}`, email: 'mallory@example.com', title: `Fix ${echo}` });
      w.world.smtp.behaviour.failData = true;
      const failed = await w.run();
      expect(failed.code, failed.stderr).toBe(4);
      expect(failed.stderr).toContain('[MASKED]');
      w.world.smtp.behaviour.failData = false;
      const sent = await w.run();
      // 3: two metrics match on a release or channel title, which the echo changes; the report still went out.
      expect([0, 3], sent.stderr).toContain(sent.code);
      expect(sent.stderr).toMatch(/^summary: email .*: sent to /m);
      expect(w.world.smtp.messages.length).toBeGreaterThan(0);
      const decoded = await Promise.all(
        w.world.smtp.messages.map(async (m) => {
          const mail = await simpleParser(m.raw);
          return `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
        }),
      );
      // Everything the job made: its logs, the handbook's files, its commits (not the hand edit,
      // which the test itself made), merge requests, messages (raw and decoded) and --out files.
      const hb = w.world.handbook;
      const pieces: Record<string, string> = {
        log: [failed.stdout, failed.stderr, sent.stdout, sent.stderr].join('\n'),
        files: Object.values(hb.projects[HANDBOOK_PROJECT]?.branches ?? {})
          .flatMap((b) => Object.values(b).map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'))))
          .join('\n'),
        commits: (hb.commits[HANDBOOK_PROJECT] ?? [])
          .filter((c) => c.authorEmail !== 'mallory@example.com')
          .map((c) => `${c.message} ${c.authorName}`)
          .join('\n'),
        mergeRequests: hb.mergeRequests.map((m) => `${m.title}\n${m.description}\n${m.notes.map((n) => n.body).join('\n')}`).join('\n'),
        mails: [...w.world.smtp.messages.map((m) => m.raw.toString('latin1')), ...decoded].join('\n'),
        out: w
          .outFiles()
          .map((f) => readFileSync(join(w.dir, 'out', f)).toString('utf8'))
          .join('\n'),
      };
      // The echo did reach the outputs (masked): the gate is what kept the credentials out.
      expect(pieces.mergeRequests).toContain('[MASKED]');
      expect(pieces.out).toContain('[MASKED]');
      const leaks = Object.entries(pieces).flatMap(([where, text]) => secretsIn(text, w.world).map((secret) => `${where}: ${secret} in …${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 40)}…`));
      expect(leaks).toEqual([]);
    } finally {
      await w.close();
    }
  }, 180_000);
});
