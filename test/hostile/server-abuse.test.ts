// Issue 10 items 4, 5 and 14 over real loopback HTTP: endless bodies are cut off at a cap and not
// retried, pagers that never end (new cursors, cycles) stop with a clear message, and a redirected
// POST says why it is not followed.
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isHttpError } from '../../src/http/errors.ts';
import { graphql } from '../../src/http/graphql.ts';
import { paginate } from '../../src/http/paginate.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { allowLoopback, loopback, type Loopback } from './loopback.ts';

let server: Loopback | undefined;
beforeEach(() => allowLoopback());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  res.write('[');
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => undefined);
  pump();
}

describe('response size cap (item 5)', () => {
  it('an endless body is cut off at the cap: EBADRESPONSE, not retried, not a network error', async () => {
    server = await loopback((_req, res) => endless(res));
    const t = testClient();
    const error = await t.client.request({ url: `${server.url}/big`, schema: z.array(z.unknown()), maxBodyBytes: 4 * 1024 * 1024 }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.code).toBe('EBADRESPONSE');
    expect(isHttpError(error) && error.message).toMatch(/more than 4 MB/);
    expect(server.requests).toHaveLength(1);
  });

  it('the default cap is 50 MB', async () => {
    server = await loopback((_req, res) => endless(res));
    const t = testClient();
    const error = await t.client.request({ url: `${server.url}/big`, schema: z.array(z.unknown()) }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.message).toMatch(/more than 50 MB/);
    expect(server.requests).toHaveLength(1);
  });

  it('a Content-Length above the cap is refused before reading', async () => {
    server = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(3 * 1024 ** 3) });
      res.write('[');
    });
    const t = testClient();
    const error = await t.client.request({ url: `${server.url}/big`, schema: z.array(z.unknown()) }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.code).toBe('EBADRESPONSE');
    expect(server.requests).toHaveLength(1);
  });
});

describe('pagers never spin (item 4)', () => {
  const query = 'query($after: String) { items(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }';

  it('REST: ever-new next pages stop at the page cap with a clear message', async () => {
    server = await loopback((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
      res.writeHead(200, { 'content-type': 'application/json', 'x-next-page': String(page + 1) });
      res.end('[]');
    });
    const t = testClient();
    const pages = paginate(t.client, { url: `${server.url}/items`, schema: z.array(z.unknown()), what: 'items' }, { pageCap: 25 });
    const error = await (async () => {
      for await (const _ of pages) void _;
    })().catch((e: unknown) => e);
    expect(isHttpError(error) && error.message).toMatch(/items: .*more than 25 pages/);
    expect(server.requests).toHaveLength(25);
  });

  it('GraphQL: a cursor cycle A→B→A is caught', async () => {
    const cycle = ['A', 'B'];
    server = await loopback((_req, res, body) => {
      const after = (JSON.parse(body) as { variables: { after: string | null } }).variables.after;
      const next = after === 'A' ? 'B' : 'A';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { items: { nodes: [{ id: 1 }], pageInfo: { hasNextPage: true, endCursor: next } } } }));
    });
    const t = testClient();
    const error = await collectAll(t, server.url, query).catch((e: unknown) => e);
    expect(isHttpError(error) && error.message).toMatch(/cursor it had sent before/);
    expect(server.requests.length).toBeLessThanOrEqual(cycle.length + 1);
  });

  it('GraphQL: ever-new cursors stop at the page cap', async () => {
    let n = 0;
    server = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { items: { nodes: [], pageInfo: { hasNextPage: true, endCursor: `c${++n}` } } } }));
    });
    const t = testClient();
    const error = await collectAll(t, server.url, query, 30).catch((e: unknown) => e);
    expect(isHttpError(error) && error.message).toMatch(/more than 30 pages/);
    expect(server.requests).toHaveLength(30);
  });
});

async function collectAll(t: ReturnType<typeof testClient>, url: string, query: string, pageCap?: number): Promise<void> {
  const { CursorPager } = await import('../../src/http/paginate.ts');
  const pager = new CursorPager({ what: 'items', host: new URL(url).host, ...(pageCap ? { pageCap } : {}) });
  let after: string | null = null;
  for (;;) {
    const data: { items: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await graphql(t.client, {
      url: `${url}/api/graphql`,
      query,
      variables: { after },
      dataSchema: z.object({ items: z.object({ pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }) }) }),
    });
    const next: string | undefined = pager.next(data.items.pageInfo);
    if (next === undefined) return;
    after = next;
  }
}

describe('redirects (item 14)', () => {
  it('a same-origin redirect of a POST says that POST is not re-sent', async () => {
    server = await loopback((_req, res) => {
      res.writeHead(307, { location: '/elsewhere' });
      res.end();
    });
    const t = testClient();
    const error = await graphql(t.client, { url: `${server.url}/api/graphql`, query: '{ x }', dataSchema: z.unknown() }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.message).toMatch(/POST .*not re-sent|not re-sent/);
    expect(isHttpError(error) && error.message).not.toMatch(/credentials are not sent/);
  });
});

describe('header values (item 12, client side)', () => {
  it.each(['tok\nen-value', 'tok\ren-value', 'tok\u2028en-value'])('a header value %j fails at once as EAUTH, not a retried network error', async (value) => {
    server = await loopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const t = testClient();
    t.masker.add(value);
    const error = await t.client.request({ url: `${server.url}/x`, headers: { authorization: `Bearer ${value}` }, schema: z.unknown() }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.code).toBe('EAUTH');
    expect(isHttpError(error) && error.message).not.toContain('en-value');
    expect(t.log.lines.join('\n')).not.toMatch(/retrying/);
    expect(t.client.stats().retries).toBe(0);
  });
});
