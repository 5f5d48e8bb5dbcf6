// Offset paging for REST APIs (GitLab v4): follow `Link: <…>; rel="next"`, else `x-next-page`.
// GitLab omits some paging headers past 10,000 rows and older proxies strip Link, so both are read.
import { HttpError } from './errors.ts';
import { PAGING_FIX } from '../errors/http.ts';
import type { HttpClient, HttpRequest, HttpResponse } from './types.ts';

export interface PaginateOptions {
  /** Stop after this many pages even if more exist (a deliberate cap, not an error). */
  maxPages?: number;
  /** More pages than this is an error (paging that does not end); default RUNAWAY_PAGES. */
  pageCap?: number;
}

/** Paging that never ends is an API bug (or a loop), not data: fail rather than spin. */
export const RUNAWAY_PAGES = 1000;

function runaway(what: string | undefined, host: string, why: string): HttpError {
  return new HttpError('EBADRESPONSE', `${what ?? 'paging'}: ${host} ${why}`, PAGING_FIX.endless, { host, transient: false });
}

/**
 * The one rule for cursor pagers (GraphQL pageInfo): every cursor seen is remembered, so a cycle
 * A→B→A stops at the first repeat, and more than `pageCap` pages stop with a clear message.
 * Call next() once per page read; it returns the cursor to ask for, or undefined at the end.
 */
export class CursorPager {
  readonly #what: string | undefined;
  readonly #host: string;
  readonly #cap: number;
  readonly #seen = new Set<string>();
  #pages = 0;

  constructor(options: { what?: string | undefined; host: string; pageCap?: number }) {
    this.#what = options.what;
    this.#host = options.host;
    this.#cap = options.pageCap ?? RUNAWAY_PAGES;
  }

  next(pageInfo: { hasNextPage: boolean; endCursor: string | null }): string | undefined {
    this.#pages++;
    if (!pageInfo.hasNextPage) return undefined;
    const cursor = pageInfo.endCursor;
    if (cursor === null || cursor === '') throw runaway(this.#what, this.#host, `announced a next page without a cursor (${this.#pages} pages read)`);
    if (this.#seen.has(cursor)) throw runaway(this.#what, this.#host, `announced a next-page cursor it had sent before, a loop (${this.#pages} pages read)`);
    if (this.#pages >= this.#cap) throw runaway(this.#what, this.#host, `kept announcing a next page: more than ${this.#cap} pages, the most one query may read`);
    this.#seen.add(cursor);
    return cursor;
  }
}

/** Yields each page's response (data plus headers such as x-total) in order. */
export async function* paginate<T>(client: HttpClient, firstRequest: HttpRequest<T>, options: PaginateOptions = {}): AsyncGenerator<HttpResponse<T>, void, undefined> {
  let req: HttpRequest<T> = firstRequest;
  const seen = new Set<string>();
  const cap = options.pageCap ?? RUNAWAY_PAGES;
  for (let page = 1; ; page++) {
    const response = await client.request(req);
    yield response;
    if (options.maxPages !== undefined && page >= options.maxPages) return;
    const next = nextRequest(req, response);
    if (!next) return;
    const key = String(next.url) + JSON.stringify(next.query ?? {});
    const current = new URL(response.url);
    if (seen.has(key)) throw runaway(req.what, current.host, `announced a next page it had sent before, a loop (${page} pages read)`);
    if (page >= cap) throw runaway(req.what, current.host, `kept announcing a next page: more than ${cap} pages, the most one query may read`);
    seen.add(key);
    req = next;
  }
}

function nextRequest<T>(req: HttpRequest<T>, response: HttpResponse<T>): HttpRequest<T> | undefined {
  const current = new URL(response.url);
  const link = nextLink(response.headers.get('link'), current);
  if (link) {
    // Credentials travel in headers: never send them to another origin.
    if (link.origin !== current.origin) {
      throw new HttpError('EBADRESPONSE', `${req.what ?? 'paging'}: the next-page link of ${current.host} points to ${link.host}`, PAGING_FIX.offHost, {
        host: current.host,
        transient: false,
      });
    }
    // The link carries every query parameter already.
    const { query: _query, ...rest } = req;
    return { ...rest, url: link };
  }
  const nextPage = response.headers.get('x-next-page')?.trim();
  if (!nextPage) return undefined;
  return { ...req, query: { ...req.query, page: nextPage } };
}

/** The rel="next" target of an RFC 8288 Link header, resolved against the current URL. */
export function nextLink(header: string | null, base: URL): URL | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const params = match[2] ?? '';
    if (/;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?/i.test(params)) {
      return URL.parse(match[1] ?? '', base) ?? undefined;
    }
  }
  return undefined;
}
