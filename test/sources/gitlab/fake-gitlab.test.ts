// The fake GitLab itself: it must behave like gitlab.com where our code (and the benchmark's
// baseline) depends on it, or the other tests prove nothing.
import { Gitlab } from '@gitbeaker/rest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFakeGitlab } from '@community-pulse/demo/fakes/gitlab/index';
import { server } from '../../msw-server.ts';
import { BASE, COMMUNITY, DataBuilder, NOW, TOKEN } from './harness.ts';

function fake(d: DataBuilder) {
  const f = createFakeGitlab(d.build(), { now: () => NOW });
  server.use(...f.handlers(BASE));
  return f;
}

async function gql(query: string, variables: Record<string, unknown> = {}, token: string | null = TOKEN) {
  const response = await fetch(`${BASE}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: z.object({ data: z.unknown().optional(), errors: z.array(z.object({ message: z.string() })).optional() }).parse(await response.json()) };
}

const COUNT = `query($g: ID!, $a: Time, $b: Time, $sub: Boolean) { group(fullPath: $g) { mergeRequests(state: merged, labelName: ["${COMMUNITY}"], mergedAfter: $a, mergedBefore: $b, includeSubgroups: $sub) { count } } }`;

describe('fake GitLab GraphQL', () => {
  const d = new DataBuilder();
  d.mr('gitlab-org/gitlab', 'a', '2026-10-01T00:00:00.000Z');
  d.mr('gitlab-org/gitlab', 'b', '2026-10-31T12:00:00.000Z');
  d.mr('gitlab-org/gitlab', 'c', '2026-11-01T00:00:00.000Z');
  d.mr('gitlab-org/sub/tool', 'd', '2026-10-15T00:00:00.000Z');

  it('treats mergedAfter and mergedBefore as inclusive, like merge_request_metrics scopes (gteq / lteq)', async () => {
    fake(d);
    const both = await gql(COUNT, { g: 'gitlab-org', a: '2026-10-01T00:00:00Z', b: '2026-11-01T00:00:00Z' });
    expect(both.body.data).toEqual({ group: { mergeRequests: { count: 3 } } });
    const exclusive = await gql(COUNT, { g: 'gitlab-org', a: '2026-10-01T00:00:00Z', b: '2026-10-31T23:59:59.999999Z' });
    expect(exclusive.body.data).toEqual({ group: { mergeRequests: { count: 2 } } });
  });

  it('leaves subgroups out unless includeSubgroups is true', async () => {
    fake(d);
    expect((await gql(COUNT, { g: 'gitlab-org' })).body.data).toEqual({ group: { mergeRequests: { count: 3 } } });
    expect((await gql(COUNT, { g: 'gitlab-org', sub: true })).body.data).toEqual({ group: { mergeRequests: { count: 4 } } });
  });

  it('answers group: null for an unknown group, and errors in a 200 for bad documents', async () => {
    fake(d);
    expect((await gql(COUNT, { g: 'nope' })).body.data).toEqual({ group: null });
    const unknownField = await gql('{ group(fullPath: "gitlab-org") { mergeRequests { nodes { nope } } } }');
    expect(unknownField.status).toBe(200);
    expect(unknownField.body.errors?.[0]?.message).toMatch(/nope/);
    const tooMany = await gql('{ group(fullPath: "gitlab-org") { mergeRequests(first: 101) { count } } }');
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.errors?.[0]?.message).toMatch(/first/);
  });

  it('resolves aliased, batched fields', async () => {
    fake(d);
    const r = await gql('{ x: group(fullPath: "gitlab-org") { mergeRequests(authorUsername: "a") { count } } y: group(fullPath: "gitlab-org") { mergeRequests(authorUsername: "zzz") { count } } }');
    expect(r.body.data).toEqual({ x: { mergeRequests: { count: 1 } }, y: { mergeRequests: { count: 0 } } });
  });

  it('pages with first/after and pageInfo, and renders Time in whole seconds', async () => {
    fake(d);
    const q = 'query($after: String) { group(fullPath: "gitlab-org") { mergeRequests(includeSubgroups: true, first: 3, after: $after) { pageInfo { hasNextPage endCursor } nodes { iid mergedAt author { username bot } } } } }';
    const Page = z.object({ group: z.object({ mergeRequests: z.object({ pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }), nodes: z.array(z.object({ mergedAt: z.string(), author: z.object({ username: z.string() }) })) }) }) });
    const first = Page.parse((await gql(q)).body.data).group.mergeRequests;
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.nodes.map((n) => n.author.username)).toEqual(['d', 'c', 'b']); // newest first
    expect(first.nodes[0]?.mergedAt).toBe('2026-10-15T00:00:00Z');
    const second = Page.parse((await gql(q, { after: first.pageInfo.endCursor })).body.data).group.mergeRequests;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.nodes.map((n) => n.author.username)).toEqual(['a']);
  });

  it('refuses a missing or unknown token with 401, and sends RateLimit-* headers', async () => {
    fake(d);
    expect((await gql(COUNT, { g: 'gitlab-org' }, null)).status).toBe(401);
    const bad = await gql(COUNT, { g: 'gitlab-org' }, 'glpat-wrong');
    expect(bad.status).toBe(401);
    expect(bad.body.errors?.[0]?.message).toBe('Invalid token');
    const ok = await gql(COUNT, { g: 'gitlab-org' });
    expect(ok.headers.get('ratelimit-limit')).toBe('2000');
    expect(Number(ok.headers.get('ratelimit-reset'))).toBeGreaterThan(1e9); // epoch seconds, not a delta
  });

  it('throttles with 429 text/plain "Retry later", Retry-After and RateLimit-ResetTime', async () => {
    const f = fake(d);
    f.failNext({ kind: 'rate-limit', retryAfterSeconds: 30 });
    const response = await fetch(`${BASE}/api/graphql`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ query: COUNT }) });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('ratelimit-resettime')).toBe(new Date(NOW.getTime() + 30_000).toUTCString());
    expect(await response.text()).toBe('Retry later\n');
  });
});

describe('fake GitLab REST', () => {
  const d = new DataBuilder();
  for (let i = 0; i < 45; i++) d.mr(i % 2 ? 'gitlab-org/gitlab' : 'gitlab-org/sub/tool', `u${i % 7}`, `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z`);
  d.mr('gitlab-org/gitlab', 'u1', '2026-11-05T08:00:00Z');
  d.user('helper-bot', 'Helper', true);

  it('pages by offset with x-* headers and Link, default per_page 20, subgroups included', async () => {
    fake(d);
    const url = `${BASE}/api/v4/groups/gitlab-org/merge_requests?state=merged&labels=${encodeURIComponent(COMMUNITY)}&merged_after=2026-10-01T00:00:00Z&merged_before=2026-10-31T23:59:59Z`;
    const page1 = await fetch(url, { headers: { 'private-token': TOKEN } });
    expect(page1.headers.get('x-total')).toBe('45');
    expect(page1.headers.get('x-total-pages')).toBe('3');
    expect(page1.headers.get('x-per-page')).toBe('20');
    expect(page1.headers.get('x-next-page')).toBe('2');
    expect(page1.headers.get('link')).toContain('rel="next"');
    expect(z.array(z.unknown()).parse(await page1.json())).toHaveLength(20);
    const page3 = await fetch(`${url}&page=3`, { headers: { 'private-token': TOKEN } });
    expect(page3.headers.get('x-next-page')).toBe('');
    expect(page3.headers.get('link')).not.toContain('rel="next"');
    expect(z.array(z.unknown()).parse(await page3.json())).toHaveLength(5);
  });

  it('refuses requests without a token: 401 {"message":"401 Unauthorized"}', async () => {
    fake(d);
    const response = await fetch(`${BASE}/api/v4/groups/gitlab-org/merge_requests`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: '401 Unauthorized' });
  });

  it('serves @gitbeaker/rest MergeRequests.all across pages (it follows Link rel=next) and Users.show with bot', async () => {
    fake(d);
    const api = new Gitlab({ host: BASE, token: TOKEN });
    const mrs = await api.MergeRequests.all({ groupId: 'gitlab-org', state: 'merged', labels: COMMUNITY, mergedAfter: '2026-10-01T00:00:00Z', mergedBefore: '2026-10-31T23:59:59Z' });
    expect(mrs).toHaveLength(45);
    const bot = d.users.find((u) => u.username === 'helper-bot');
    const user = await api.Users.show(bot?.id ?? 0);
    expect(user.bot).toBe(true);
  });
});
