// Reads a response body as text without ever holding more than a cap: a hostile or broken server
// that streams gigabytes is cut off at the cap (a 3 GB answer used to take 8 GB of memory and be
// retried as a "network error").

/** Default cap per request; a request kind may set its own (HttpRequest.maxBodyBytes). */
export const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

export type BodyRead = { ok: true; text: string } | { ok: false; bytes: number };

/** The body as text, or `{ ok: false }` once it (or its Content-Length) exceeds `maxBytes`. */
export async function readBodyCapped(response: Response, maxBytes: number, abort: AbortController): Promise<BodyRead> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort.abort();
    return { ok: false, bytes: declared };
  }
  if (!response.body) return { ok: true, text: '' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      abort.abort();
      await reader.cancel().catch(() => undefined);
      return { ok: false, bytes };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { ok: true, text: text + decoder.decode() };
}

/** "50 MB", "4 MB", "512 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
