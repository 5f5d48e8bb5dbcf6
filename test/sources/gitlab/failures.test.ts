// Throttling, server errors, missing groups, refused tokens and GraphQL errors: retried where
// retrying helps, otherwise one clear error — and the token never appears anywhere.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../src/collect/failure.ts';
import { periodOf } from '../../../src/periods/periods.ts';
import { server } from '../../msw-server.ts';
import { BASE, DataBuilder, harness, rejection, TOKEN } from './harness.ts';

const OCT = periodOf({ year: 2026, month: 10 }, 'UTC');
const AUTHORS = { kind: 'merged_mr_authors', group: 'gitlab-org' } as const;

/** 250 MRs by 130 people: three pages. */
function threePages(): DataBuilder {
  const d = new DataBuilder();
  for (let i = 0; i < 250; i++) d.mr('gitlab-org/gitlab', `person${i % 130}`, `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`);
  return d;
}

describe('gitlab source: transient failures are retried', () => {
  it('429 with Retry-After in the middle of pagination, then the same counts', async () => {
    const h = harness(threePages().build());
    h.fake.failAt(1, { kind: 'rate-limit', retryAfterSeconds: 7 });
    const authors = await h.collect(AUTHORS, OCT);
    const mrs = await h.collect({ kind: 'merged_mrs', group: 'gitlab-org' }, OCT);
    expect([authors.value, mrs.value]).toEqual([130, 250]);
    expect(h.fake.requests.map((r) => r.status)).toEqual([200, 429, 200, 200]);
    expect(h.log.lines.some((l) => l.includes('retrying in 7s') && l.includes('429'))).toBe(true);
  });

  it('502 then success', async () => {
    const h = harness(threePages().build());
    h.fake.failAt(0, { kind: 'status', status: 502 });
    const authors = await h.collect(AUTHORS, OCT);
    expect(authors.value).toBe(130);
    expect(h.fake.requests.map((r) => r.status)).toEqual([502, 200, 200, 200]);
  });

  it('gives up as ETRANSIENT when 503s outlast the retries', async () => {
    const h = harness(threePages().build());
    h.fake.failNext({ kind: 'status', status: 503 }, 20);
    const error = await rejection(h.collect(AUTHORS, OCT));
    expect(error.code).toBe('ETRANSIENT');
    expect(error.message).toContain('503');
  });
});

describe('gitlab source: configuration and query errors', () => {
  it('group: null → ENOTFOUND naming the group', async () => {
    const h = harness(threePages().build());
    const error = await rejection(h.collect({ kind: 'merged_mr_authors', group: 'gitlab-orgg' }, OCT));
    expect(error.code).toBe('ENOTFOUND');
    expect(error.message).toContain('GitLab group "gitlab-orgg" not found or not visible to the token');
  });

  it('401 (token not accepted) → EAUTH saying the token needs read_api', async () => {
    const d = threePages();
    d.tokens = [{ value: 'glpat-some-other-token', scopes: ['read_api'] }];
    const h = harness(d.build());
    const error = await rejection(h.collect(AUTHORS, OCT));
    expect(error.code).toBe('EAUTH');
    expect(error.message).toContain('401');
    expect(error.fix).toContain('read_api');
  });

  it('403 (token without read_api) → EAUTH', async () => {
    const d = threePages();
    d.tokens = [{ value: TOKEN, scopes: ['read_user'] }];
    const h = harness(d.build());
    const error = await rejection(h.collect(AUTHORS, OCT));
    expect(error.code).toBe('EAUTH');
    expect(error.fix).toContain('read_api');
  });

  it("GraphQL errors in a 200 → EQUERY with GitLab's message", async () => {
    const h = harness(threePages().build());
    h.fake.failAt(0, { kind: 'graphql-errors', messages: ["Field 'mergeRequests' doesn't accept argument 'labelName'"] });
    const error = await rejection(h.collect(AUTHORS, OCT));
    expect(error.code).toBe('EQUERY');
    expect(error.message).toContain("doesn't accept argument 'labelName'");
  });

  it('a body of the wrong shape → EBADRESPONSE', async () => {
    const h = harness(threePages().build());
    server.use(http.post(`${BASE}/api/graphql`, () => HttpResponse.json({ data: { group: { mergeRequests: { nodes: 'none', pageInfo: {} } } } })));
    const error = await rejection(h.collect(AUTHORS, OCT));
    expect(error.code).toBe('EBADRESPONSE');
  });

  it('filters on mergedAt itself when a server ignores the date arguments', async () => {
    const h = harness(threePages().build());
    const node = (iid: string, username: string, mergedAt: string) => ({
      iid,
      webUrl: `${BASE}/gitlab-org/gitlab/-/merge_requests/${iid}`,
      mergedAt,
      project: { fullPath: 'gitlab-org/gitlab' },
      author: { username, name: username, bot: false, webUrl: `${BASE}/${username}` },
    });
    server.use(
      http.post(`${BASE}/api/graphql`, () =>
        HttpResponse.json({
          data: {
            group: {
              mergeRequests: {
                pageInfo: { hasNextPage: false, endCursor: null },
                nodes: [node('1', 'september', '2026-09-30T23:59:59Z'), node('2', 'october', '2026-10-01T00:00:00Z'), node('3', 'november', '2026-11-01T00:00:00Z')],
              },
            },
          },
        }),
      ),
    );
    const authors = await h.collect(AUTHORS, OCT);
    expect(authors.contributors?.map((c) => c.username)).toEqual(['october']);
  });
});

describe('gitlab source: the token never leaks', () => {
  it('appears in no error message, fix, one-line reason or log line', async () => {
    const texts: string[] = [];
    const scenarios: Array<(d: DataBuilder) => { group?: string; fault?: Parameters<ReturnType<typeof harness>['fake']['failNext']>[0] }> = [
      (d) => ((d.tokens = [{ value: 'glpat-other', scopes: ['read_api'] }]), {}),
      (d) => ((d.tokens = [{ value: TOKEN, scopes: ['read_user'] }]), {}),
      () => ({ group: 'missing-group' }),
      () => ({ fault: { kind: 'status', status: 503 } }),
      () => ({ fault: { kind: 'rate-limit', retryAfterSeconds: 1 } }),
      () => ({ fault: { kind: 'graphql-errors', messages: [`Token ${TOKEN} is revoked`] } }),
    ];
    for (const scenario of scenarios) {
      const d = threePages();
      const { group, fault } = scenario(d);
      const h = harness(d.build());
      if (fault) h.fake.failNext(fault, 20);
      const error = await rejection(h.collect({ kind: 'merged_mr_authors', group: group ?? 'gitlab-org' }, OCT));
      texts.push(error.message, error.fix ?? '', describeFailure(error), ...h.log.lines);
    }
    expect(texts.length).toBeGreaterThan(12);
    for (const text of texts) expect(text).not.toContain(TOKEN);
    // The GraphQL error that quoted the token was masked, not dropped.
    expect(texts.some((t) => t.includes('Token [MASKED] is revoked'))).toBe(true);
  });
});
