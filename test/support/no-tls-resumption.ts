// The tests' https:// is msw's fake TLS, and msw hands every mocked connection the session ticket
// "mocked session" (@mswjs/interceptors, TlsSocketController: handle.onnewsession(1,
// Buffer.from("mocked session"))). Node's fetch (undici) caches a ticket per origin for the whole
// process and passes it to tls.connect({ session }) on its next connection there. Node then fails to
// parse it (d2i_SSL_SESSION) without throwing, and leaves "asn1 encoding routines::too long" on
// OpenSSL's error queue, where the next createPrivateKey() of a perfectly valid key finds it and
// fails. With isolate: false a worker runs many files, so one file's fetches broke another file's
// GA4 token signing (test/http/tls-sessions.test.ts). No test talks to a real TLS server, so no
// session is worth resuming: every TLS connection of a test process starts without one.
import tls from 'node:tls';

const PATCHED = Symbol.for('community-pulse.tests.no-tls-resumption');

type Connect = (...args: unknown[]) => tls.TLSSocket;

function withoutSession(arg: unknown): unknown {
  if (typeof arg !== 'object' || arg === null || !('session' in arg)) return arg;
  const { session: _dropped, ...rest } = arg as Record<string, unknown>;
  return rest;
}

/** Makes tls.connect() ignore a `session` to resume, once per process (setup runs per file). */
export function disableTlsResumption(): void {
  const current = tls.connect as unknown as Connect & { [PATCHED]?: true };
  if (current[PATCHED]) return;
  const connect: Connect & { [PATCHED]?: true } = (...args) => current(...args.map(withoutSession));
  connect[PATCHED] = true;
  (tls as unknown as { connect: Connect }).connect = connect;
}
