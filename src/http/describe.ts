// Words about a request and its answer for messages and logs. Query strings never appear (API keys
// travel as ?key=), error bodies are cut to one short line, and everything passes the masker.
import type { SecretMasker } from '../secrets.ts';

/** "gitlab.com/api/v4/groups/x/merge_requests": host and path, never the query or credentials. */
export function describeUrl(url: URL): string {
  return `${url.host}${url.pathname}`;
}

// Credential-looking parameters in any text (a URL echoed in an error body, a redirect location).
const SECRET_PARAM = /([?&;]\s*(?:key|api[_-]?key|access[_-]?token|private[_-]?token|token|client[_-]?secret|password|sig|signature)=)[^&\s"'<>]+/gi;
// Bearer tokens and Basic credentials echoed back in bodies.
const AUTH_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** Masks registered secrets and anything that looks like a credential; collapses to one line. */
export function clean(masker: SecretMasker, text: string): string {
  return masker.mask(text).replace(SECRET_PARAM, '$1[MASKED]').replace(AUTH_VALUE, '$1 [MASKED]').replace(/\s+/g, ' ').trim();
}

export const EXCERPT_CHARS = 200;
/** Retry log lines quote less of the body than errors do. */
export const LOG_EXCERPT_CHARS = 80;
// Masking a multi-megabyte body would be slow and pointless: look at its start only. The margin
// keeps a secret that straddles EXCERPT_CHARS whole, so the masker still recognises it.
const MASK_WINDOW = 16_384;

/**
 * The useful part of an error body: GA4/Google `error.message`, GitLab `message` / `error`,
 * Plausible `error`, OAuth `error_description`, Discourse and GraphQL `errors[]`; otherwise the
 * text itself, without HTML markup. Masked FIRST and cut after: a token cut in two no longer
 * matches the masker, so cutting first would print its first part.
 */
export function bodyExcerpt(masker: SecretMasker, body: unknown, text: string): string {
  const fromJson = messageOf(body);
  // Google's messages carry <a href> markup around words like "quota": keep the words.
  const raw = fromJson?.replace(/<[^>]+>/g, '') ?? (looksLikeHtml(text) ? htmlTitle(text) : text);
  return cut(clean(masker, raw.slice(0, MASK_WINDOW)), EXCERPT_CHARS);
}

/** Cuts already-masked text to `max` characters (never cut text that is not masked yet). */
export function cut(masked: string, max: number): string {
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null) return undefined;
  const record: Record<string, unknown> = { ...body };
  const error = record.error;
  if (typeof error === 'object' && error !== null) {
    const inner = messageOf(error);
    if (inner) return inner;
  }
  if (typeof record.error_description === 'string') return record.error_description;
  for (const key of ['message', 'error'] as const) {
    const value = record[key];
    if (typeof value === 'string') return value;
    // GitLab nests: {"message": {"error": "This endpoint has been requested too many times…"}};
    // validation errors are field maps: {"message": {"title": ["can't be blank"]}}.
    if (typeof value === 'object' && value !== null) return messageOf(value) ?? JSON.stringify(value);
  }
  if (Array.isArray(record.errors)) {
    const parts = record.errors.map((e) => messageOf(e) ?? (typeof e === 'object' ? JSON.stringify(e) : String(e)));
    if (parts.length > 0) return parts.join('; ');
  }
  return undefined;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype|html)/i.test(text);
}

function htmlTitle(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  return title ? `an HTML page titled "${title}"` : 'an HTML page';
}

/** zod issues as "rows.0.value: expected string, received number; …" (the first few). */
export function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}
