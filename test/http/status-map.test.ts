// statusMap: a request says what a status means for it, so no caller matches on error text. The
// GitLab REST helper uses it to tell "nothing here yet" (an answer) from "no such project" (an error).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from '../../src/http/client.ts';
import { gitlabClient } from '../../src/http/gitlab.ts';
import { memoryLogger } from '../../src/log.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { server } from '../msw-server.ts';
import { rejectionOf } from '../support/rejection.ts';

const BASE = 'https://gitlab.status.test';
const client = () => createHttpClient({ masker: new SecretMasker(), log: memoryLogger(), sleep: async () => {} });

function answer404(message: string) {
  server.use(http.get(`${BASE}/api/v4/projects/:id/repository/tree`, () => HttpResponse.json({ message }, { status: 404 })));
}

const rest = () => gitlabClient(client(), { url: BASE, token: 'glpat-Status0Token0abcdefgh', authHint: 'auth hint', notFoundHint: 'not found hint' });
const treeRequest = { path: '/projects/7/repository/tree', schema: z.array(z.object({ name: z.string() })), what: 'the tree', missing: { kind: 'tree' as const, answer: [] } };

describe('statusMap', () => {
  it('turns a mapped status into an answer', async () => {
    server.use(http.get(`${BASE}/thing`, () => HttpResponse.json({ gone: true }, { status: 410 })));
    const res = await client().request({ url: `${BASE}/thing`, schema: z.string(), statusMap: { 410: () => ({ answer: 'gone' }) } });
    expect(res.data).toBe('gone');
  });

  it('turns a mapped status into an error of the given kind, and keeps the usual one when the map says nothing', async () => {
    server.use(http.get(`${BASE}/thing`, () => HttpResponse.json({ reason: 'quota' }, { status: 402 })));
    const mapped = await rejectionOf(client().request({ url: `${BASE}/thing`, schema: z.string(), statusMap: { 402: () => ({ code: 'ETRANSIENT', fix: 'wait' }) } }));
    expect(mapped).toMatchObject({ code: 'ETRANSIENT', fix: 'wait', status: 402 });
    const usual = await rejectionOf(client().request({ url: `${BASE}/thing`, schema: z.string(), statusMap: { 402: () => undefined } }));
    expect(usual).toMatchObject({ code: 'EQUERY', status: 402 });
  });
});

describe('GitLab REST helper', () => {
  it('answers a folder that does not exist with the given answer', async () => {
    answer404('404 Tree Not Found');
    expect(await rest().get(treeRequest)).toEqual([]);
  });

  it('keeps a missing project an ENOTFOUND with its fix', async () => {
    answer404('404 Project Not Found');
    expect(await rejectionOf(rest().get(treeRequest))).toMatchObject({ code: 'ENOTFOUND', fix: 'not found hint' });
  });

  it('sends the token as PRIVATE-TOKEN and encodes a project path as one segment', async () => {
    let seen: { url: string; token: string | null } | undefined;
    server.use(
      http.get(`${BASE}/api/v4/projects/:id/repository/tree`, ({ request }) => {
        seen = { url: request.url, token: request.headers.get('private-token') };
        return HttpResponse.json([]);
      }),
    );
    const api = rest();
    await api.get({ ...treeRequest, path: `${api.projectPath('group/sub/project')}/repository/tree` });
    expect(seen).toEqual({ url: `${BASE}/api/v4/projects/group%2Fsub%2Fproject/repository/tree`, token: 'glpat-Status0Token0abcdefgh' });
  });
});

describe('no caller of the HTTP client matches on error text', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? files(join(dir, e)) : e.endsWith('.ts') ? [join(dir, e)] : []));
  // src/http itself reads API bodies (GraphQL `errors[].message`); everything above it gets codes.
  it('has no error.message.includes / match / test in src/ outside src/http', () => {
    const offenders = files(join(import.meta.dirname, '../../src'))
      .filter((file) => !file.includes('/src/http/'))
      .filter((file) => /\b(?:error|err|e|cause)\.message\.(?:includes|match|startsWith|endsWith)\(|\.test\((?:error|err|e|cause)\.message\)/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
