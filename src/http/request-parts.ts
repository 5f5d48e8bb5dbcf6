// Turning a described request into what fetch takes: the URL with its query, the headers, the body.
import type { HttpError, HttpErrorCode } from './errors.ts';
import { EXCHANGE_FIX } from '../errors/http.ts';
import type { HttpRequest } from './types.ts';

export function buildUrl<T>(req: HttpRequest<T>, fail: (code: HttpErrorCode, message: string, fix: string, host: string) => HttpError): URL {
  // Never echo the URL itself: it may carry ?key=.
  const url = URL.parse(String(req.url));
  if (!url) throw fail('EQUERY', `${req.what ?? 'request'}: not a valid URL`, EXCHANGE_FIX.badUrl, '');
  for (const [name, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

export function headersFor<T>(req: HttpRequest<T>): Headers {
  const headers = new Headers({
    accept: req.responseType === 'text' ? 'text/plain, text/csv, application/yaml, */*;q=0.8' : 'application/json',
    'user-agent': 'community-pulse',
  });
  if (req.json !== undefined) headers.set('content-type', 'application/json');
  else if (req.form) headers.set('content-type', 'application/x-www-form-urlencoded');
  for (const [name, value] of Object.entries(req.headers ?? {})) headers.set(name, value);
  return headers;
}

export function bodyFor<T>(req: HttpRequest<T>): string | undefined {
  if (req.json !== undefined) return JSON.stringify(req.json);
  if (req.form) return new URLSearchParams(req.form).toString();
  return undefined;
}
