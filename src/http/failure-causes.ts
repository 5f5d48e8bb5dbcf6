// What a failed attempt was, in words that never include the URL: timeouts, network causes, and
// the reason Google APIs give for a 403.

export function isTimeout(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** "ECONNREFUSED", "socket hang up": the cause's code or message, never the URL. */
export function networkCause(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    return code ?? cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A host name that does not resolve (DNS NXDOMAIN: getaddrinfo ENOTFOUND) is a mistyped or wrong
 * URL, not a passing failure: retrying it only delays the fix. A temporary DNS failure
 * (EAI_AGAIN) is not this.
 */
export function isUnresolvedHost(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && 'code' in cause && cause.code === 'ENOTFOUND';
}

/** Google APIs put the reason of a 403 in error.errors[0].reason (or error.status). */
export function googleReason(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error !== 'object' || error === null || !('errors' in error) || !Array.isArray(error.errors)) return undefined;
  const first: unknown = error.errors[0];
  if (typeof first !== 'object' || first === null || !('reason' in first)) return undefined;
  return typeof first.reason === 'string' ? first.reason : undefined;
}
