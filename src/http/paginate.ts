// Offset paging for REST APIs (GitLab v4): follow `Link: <…>; rel="next"`, else `x-next-page`.
// GitLab omits some paging headers past 10,000 rows and older proxies strip Link, so both are read.
import { HttpError } from './errors.ts';
import type { HttpClient, HttpRequest, HttpResponse } from './types.ts';

export interface PaginateOptions {
  /** Stop after this many pages even if more exist (a deliberate cap, not an error). */
  maxPages?: number;
}

/** Paging that never ends is an API bug (or a loop), not data: fail rather than spin. */
export const RUNAWAY_PAGES = 1000;

/** Yields each page's response (data plus headers such as x-total) in order. */
export async function* paginate<T>(
  client: HttpClient,
  firstRequest: HttpRequest<T>,
  options: PaginateOptions = {},
): AsyncGenerator<HttpResponse<T>, void, undefined> {
  let req: HttpRequest<T> = firstRequest;
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    const response = await client.request(req);
    yield response;
    if (options.maxPages !== undefined && page >= options.maxPages) return;
    const next = nextRequest(req, response);
    if (!next) return;
    const key = String(next.url) + JSON.stringify(next.query ?? {});
    const current = new URL(response.url);
    if (seen.has(key) || page >= RUNAWAY_PAGES) {
      throw new HttpError(
        'EBADRESPONSE',
        `${req.what ?? 'paging'}: ${current.host} kept announcing a next page (${page} pages read)`,
        'The API paging did not end; report it with the log (--verbose).',
        { host: current.host, transient: false },
      );
    }
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
      throw new HttpError(
        'EBADRESPONSE',
        `${req.what ?? 'paging'}: the next-page link of ${current.host} points to ${link.host}`,
        'The API announced a next page on another host; credentials are not sent there. Report it with the log (--verbose).',
        { host: current.host, transient: false },
      );
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
