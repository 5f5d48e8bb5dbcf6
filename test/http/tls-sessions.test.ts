// The test world's https:// is msw's fake TLS. msw hands every mocked connection the session ticket
// "mocked session"; Node's fetch (undici) keeps it per origin for the whole worker process and offers
// it on its next connection there. Node fails to parse it and leaves the ASN.1 error on OpenSSL's
// error queue, where the next createPrivateKey() finds it: the sample world's valid key was then
// "not a valid PEM private key" in the GA4 tests whenever test/http/secrets.test.ts (a 200, then a
// network error, from one origin) had run before them in the same worker. test/setup.ts stops
// the tests' TLS connections from resuming sessions; this is the sequence that used to break it.
import { createPrivateKey } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ga4Source } from '../../src/sources/ga4/index.ts';
import { ga4Fake } from '@community-pulse/demo/fakes/ga4/index';
import { googleOAuthFake } from '@community-pulse/demo/fakes/google-oauth/index';
import { testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';
import { harness, NOW, OCTOBER } from '../sources/discourse/harness.ts';
import { PRIVATE_KEY_PEM, publicKey } from '../support/rsa-key.ts';

const ORIGIN = 'https://tls-sessions.example.com';

/** A 200 and then a network error from one origin: the second request opens a new TLS connection. */
async function answerThenFailFromOneOrigin(): Promise<void> {
  server.use(
    http.get(`${ORIGIN}/ok`, () => HttpResponse.json({ ok: true })),
    http.get(`${ORIGIN}/down`, () => HttpResponse.error()),
  );
  const { client } = testClient({ maxRetries: 0 });
  await client.request({ url: `${ORIGIN}/ok`, schema: z.unknown() });
  await expect(client.request({ url: `${ORIGIN}/down`, schema: z.unknown() })).rejects.toMatchObject({ code: 'ETRANSIENT' });
}

describe('a new TLS connection to an origin the tests reached before', () => {
  it('leaves nothing behind that makes a valid private key fail to parse', async () => {
    await answerThenFailFromOneOrigin();
    expect(() => createPrivateKey(PRIVATE_KEY_PEM)).not.toThrow();
  });

  it('does not break the next GA4 token request (a service-account JWT signed with the sample key)', async () => {
    await answerThenFailFromOneOrigin();
    const TOKEN_URL = 'https://oauth2.googleapis.com/token';
    const EMAIL = 'pulse-reader@devrel-pulse.iam.gserviceaccount.com';
    const oauth = googleOAuthFake({ tokenUrl: TOKEN_URL, serviceAccounts: [{ clientEmail: EMAIL, publicKey }], now: () => NOW });
    const ga4 = ga4Fake({ apiUrl: 'https://analyticsdata.googleapis.com', property: '1', viewers: [EMAIL], oauth, events: [{ date: '2026-10-01', path: '/a', userId: 'u1', views: 2 }] });
    server.use(...oauth.handlers, ...ga4.handlers);
    const credentials = JSON.stringify({ type: 'service_account', private_key: PRIVATE_KEY_PEM, client_email: EMAIL, token_uri: TOKEN_URL });
    const h = harness({ PULSE_GA4_CREDENTIALS: credentials });
    const collector = ga4Source.createCollector(h.ctx, 'web', { type: 'ga4', property: '1', credentials_env: 'PULSE_GA4_CREDENTIALS' });
    expect(await collector.collect({ id: 'views', query: { kind: 'pageviews' } }, OCTOBER)).toEqual({ value: 2, status: 'ok' });
  });
});
