// Offset paging as GitLab REST does it: Link rel="next" when present, x-next-page otherwise.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../src/http/errors.ts';
import { nextLink, paginate } from '../../src/http/paginate.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';

const BASE = 'https://gitlab.example.com/api/v4/groups/gitlab-org/merge_requests';
const Mrs = z.array(z.object({ iid: z.number() }));
const ROWS = [1, 2, 3, 4, 5].map((iid) => ({ iid }));

/** GitLab's offset paging: x-* headers always, Link only when `withLink`. */
function gitlabPages(perPage: number, withLink: boolean) {
  const seen: string[] = [];
  server.use(
    http.get(BASE, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url.search);
      const page = Number(url.searchParams.get('page') ?? '1');
      const totalPages = Math.ceil(ROWS.length / perPage);
      const headers: Record<string, string> = {
        'x-page': String(page),
        'x-per-page': String(perPage),
        'x-total': String(ROWS.length),
        'x-total-pages': String(totalPages),
        'x-next-page': page < totalPages ? String(page + 1) : '',
        'x-prev-page': page > 1 ? String(page - 1) : '',
      };
      if (withLink) {
        const link = (p: number, rel: string) => {
          const u = new URL(url);
          u.searchParams.set('page', String(p));
          return `<${u}>; rel="${rel}"`;
        };
        const links = [page < totalPages ? link(page + 1, 'next') : '', link(1, 'first'), link(totalPages, 'last')].filter(Boolean);
        headers.link = links.join(', ');
      }
      return HttpResponse.json(ROWS.slice((page - 1) * perPage, page * perPage), { headers });
    }),
  );
  return seen;
}

async function collect(pages: AsyncGenerator<{ data: Array<{ iid: number }> }>): Promise<number[]> {
  const iids: number[] = [];
  for await (const page of pages) iids.push(...page.data.map((mr) => mr.iid));
  return iids;
}

describe('paginate', () => {
  it('follows Link rel="next", keeping every query parameter', async () => {
    const seen = gitlabPages(2, true);
    const { client } = testClient();
    const iids = await collect(paginate(client, { url: BASE, query: { state: 'merged', per_page: 2 }, schema: Mrs }));
    expect(iids).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual(['?state=merged&per_page=2', '?state=merged&per_page=2&page=2', '?state=merged&per_page=2&page=3']);
  });

  it('falls back to x-next-page when there is no Link header', async () => {
    const seen = gitlabPages(2, false);
    const { client } = testClient();
    const iids = await collect(paginate(client, { url: BASE, query: { state: 'merged', per_page: 2 }, schema: Mrs }));
    expect(iids).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual(['?state=merged&per_page=2', '?state=merged&per_page=2&page=2', '?state=merged&per_page=2&page=3']);
  });

  it('stops after maxPages', async () => {
    const seen = gitlabPages(1, true);
    const { client } = testClient();
    const iids = await collect(paginate(client, { url: BASE, query: { per_page: 1 }, schema: Mrs }, { maxPages: 2 }));
    expect(iids).toEqual([1, 2]);
    expect(seen).toHaveLength(2);
  });

  it('yields headers too (x-total for counts)', async () => {
    gitlabPages(5, true);
    const { client } = testClient();
    const first = await paginate(client, { url: BASE, query: { per_page: 5 }, schema: Mrs }).next();
    expect(first.done).toBe(false);
    expect(first.value?.headers.get('x-total')).toBe('5');
  });

  it('refuses a next link on another origin (credentials travel in headers)', async () => {
    server.use(http.get(BASE, () => HttpResponse.json([], { headers: { link: '<https://evil.example.net/steal?page=2>; rel="next"' } })));
    const { client } = testClient();
    const error = await collect(paginate(client, { url: BASE, schema: Mrs, headers: { 'PRIVATE-TOKEN': 'x' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toContain('points to evil.example.net');
  });

  it('fails rather than loop when the API announces the same next page forever', async () => {
    server.use(http.get(BASE, () => HttpResponse.json([], { headers: { 'x-next-page': '2' } })));
    const { client } = testClient();
    const error = await collect(paginate(client, { url: BASE, schema: Mrs })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('EBADRESPONSE');
  });

  it('parses Link headers with several rels and relative targets', () => {
    const base = new URL('https://h.example/api?page=1');
    expect(nextLink('<https://h.example/api?page=2>; rel="next", <https://h.example/api?page=9>; rel="last"', base)?.href).toBe('https://h.example/api?page=2');
    expect(nextLink('</api?page=3>; rel="prev next"', base)?.href).toBe('https://h.example/api?page=3');
    expect(nextLink('<https://h.example/api?page=1>; rel="first"', base)).toBeUndefined();
    expect(nextLink(null, base)).toBeUndefined();
  });
});
