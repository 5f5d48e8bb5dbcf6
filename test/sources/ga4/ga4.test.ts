import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PRIVATE_KEY_PEM, publicKey } from '../../support/rsa-key.ts';
import { periodOf } from '../../../src/periods/periods.ts';
import { ga4Source } from '../../../src/sources/ga4/index.ts';
import { ga4Fake, type PageViewEvent } from '@community-pulse/demo/fakes/ga4/index';
import { googleOAuthFake } from '@community-pulse/demo/fakes/google-oauth/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, NOW, OCTOBER } from '../discourse/harness.ts';

const API = 'https://analyticsdata.googleapis.com';
const TOKEN_URL = 'https://oauth2.googleapis.com/token';
const EMAIL = 'pulse-reader@devrel-pulse.iam.gserviceaccount.com';
const PEM = PRIVATE_KEY_PEM;
const credentials = (pem = PEM, email = EMAIL) => JSON.stringify({ type: 'service_account', project_id: 'devrel-pulse', private_key_id: 'abc123', private_key: pem, client_email: email, token_uri: TOKEN_URL });

// October 2026, hand-counted. Users: u1 /blog/a 3 + /blog/b 2; u2 /blog/a 1 + /docs/x 4;
// u3 /docs/y 5 + /Blog/c 7 (capital B: not under /blog); u4 /about 1. Outside: Sep 30 and Nov 1.
const events: PageViewEvent[] = [
  { date: '2026-09-30', path: '/blog/a', userId: 'u1', views: 100 },
  { date: '2026-10-01', path: '/blog/a', userId: 'u1', views: 3 },
  { date: '2026-10-02', path: '/blog/b', userId: 'u1', views: 2 },
  { date: '2026-10-05', path: '/blog/a', userId: 'u2', views: 1 },
  { date: '2026-10-06', path: '/docs/x', userId: 'u2', views: 4 },
  { date: '2026-10-10', path: '/Blog/c', userId: 'u3', views: 7 },
  { date: '2026-10-31', path: '/docs/y', userId: 'u3', views: 5 },
  { date: '2026-10-20', path: '/about', userId: 'u4', views: 1 },
  { date: '2026-11-01', path: '/blog', userId: 'u5', views: 50 },
];

function setup(options: { env?: Record<string, string>; viewers?: string[]; oauthNow?: () => Date } = {}) {
  const oauth = googleOAuthFake({ tokenUrl: TOKEN_URL, serviceAccounts: [{ clientEmail: EMAIL, publicKey }], now: options.oauthNow ?? (() => NOW) });
  const ga4 = ga4Fake({ apiUrl: API, property: '123456789', viewers: options.viewers ?? [EMAIL], oauth, events });
  server.use(...oauth.handlers, ...ga4.handlers);
  const h = harness(options.env ?? { PULSE_GA4_CREDENTIALS: credentials() });
  const collector = ga4Source.createCollector(h.ctx, 'web', { type: 'ga4', property: '123456789', credentials_env: 'PULSE_GA4_CREDENTIALS' });
  const collect = (query: Record<string, unknown>, period = OCTOBER) => collector.collect({ id: 'web-metric', query }, period);
  return { oauth, ga4, collect, ...h };
}

describe('ga4 source', () => {
  it('counts page views and distinct active users of the month', async () => {
    const { collect } = setup();
    expect(await collect({ kind: 'pageviews' })).toEqual({ value: 23, status: 'ok' });
    expect(await collect({ kind: 'visitors' })).toEqual({ value: 4, status: 'ok' });
  });

  it('filters by path prefixes (OR of case-sensitive BEGINS_WITH) without summing users over pages', async () => {
    const { collect, ga4 } = setup();
    expect(await collect({ kind: 'pageviews', path_prefixes: ['/blog'] })).toEqual({ value: 6, status: 'ok' });
    // u1 and u2: 2, where adding per-page users would give 3.
    expect(await collect({ kind: 'visitors', path_prefixes: ['/blog'] })).toEqual({ value: 2, status: 'ok' });
    expect(await collect({ kind: 'pageviews', path_prefixes: ['/blog', '/docs'] })).toEqual({ value: 15, status: 'ok' });
    expect(await collect({ kind: 'visitors', path_prefixes: ['/blog', '/docs'] })).toEqual({ value: 3, status: 'ok' });
    expect(ga4.bodies[3]).toEqual({
      dateRanges: [{ startDate: '2026-10-01', endDate: '2026-10-31' }],
      dimensions: [{ name: 'yearMonth' }],
      metrics: [{ name: 'activeUsers' }],
      dimensionFilter: {
        orGroup: {
          expressions: [
            { filter: { fieldName: 'pagePath', stringFilter: { matchType: 'BEGINS_WITH', value: '/blog', caseSensitive: true } } },
            { filter: { fieldName: 'pagePath', stringFilter: { matchType: 'BEGINS_WITH', value: '/docs', caseSensitive: true } } },
          ],
        },
      },
      limit: 10,
      returnPropertyQuota: true,
    });
  });

  it('filters by a path regex as a partial (unanchored) match', async () => {
    const { collect, ga4 } = setup();
    expect(await collect({ kind: 'pageviews', path_regex: '^/docs/(x|y)$' })).toEqual({ value: 9, status: 'ok' });
    expect(await collect({ kind: 'pageviews', path_regex: 'blog/[ab]' })).toEqual({ value: 6, status: 'ok' });
    expect(ga4.bodies[1]).toMatchObject({ dimensionFilter: { filter: { stringFilter: { matchType: 'PARTIAL_REGEXP', value: 'blog/[ab]' } } } });
  });

  it('signs a real JWT (scope, aud, one-hour exp) once and reuses the token for the run', async () => {
    const { collect, oauth } = setup();
    await collect({ kind: 'pageviews' });
    await collect({ kind: 'visitors' });
    await Promise.all([collect({ kind: 'pageviews', path_prefixes: ['/docs'] }), collect({ kind: 'visitors', path_prefixes: ['/docs'] })]);
    expect(oauth.issued).toHaveLength(1);
    const iat = Math.floor(NOW.getTime() / 1000);
    expect(oauth.lastClaims).toEqual({ iss: EMAIL, scope: 'https://www.googleapis.com/auth/analytics.readonly', aud: TOKEN_URL, iat, exp: iat + 3600 });
  });

  it('logs the remaining property quota at debug level', async () => {
    const { collect, log } = setup();
    await collect({ kind: 'pageviews' });
    expect(log.lines).toContain('debug: GA4 property 123456789 quota after web-metric: 39997 tokens left this hour, 199997 today');
  });

  it('counts an empty month (no rows in the answer) as 0', async () => {
    const { collect } = setup();
    const december = periodOf({ year: 2026, month: 12 });
    expect(await collect({ kind: 'pageviews' }, december)).toEqual({ value: 0, status: 'ok' });
    expect(await collect({ kind: 'visitors', path_prefixes: ['/nowhere'] })).toEqual({ value: 0, status: 'ok' });
  });

  it('accepts the key file as base64 (GitLab can mask that)', async () => {
    const { collect } = setup({ env: { PULSE_GA4_CREDENTIALS: Buffer.from(credentials()).toString('base64') } });
    expect(await collect({ kind: 'visitors' })).toEqual({ value: 4, status: 'ok' });
  });

  it('a malformed credentials variable is EENV with a fix, and the value is never echoed', async () => {
    const broken = `{"private_key": "${PEM.slice(0, 80)}`;
    const { collect, log } = setup({ env: { PULSE_GA4_CREDENTIALS: broken } });
    const error = await failure(collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'EENV' });
    expect(error.fix).toContain('base64');
    expect(everythingShown(error, log.lines)).not.toContain('MII');
    const missing = setup({ env: { PULSE_GA4_CREDENTIALS: JSON.stringify({ private_key: PEM }) } });
    const error2 = await failure(missing.collect({ kind: 'pageviews' }));
    expect(error2).toMatchObject({ code: 'EENV' });
    expect(error2.message).toContain('client_email');
    expect(error2.message).not.toContain('PRIVATE KEY');
  });

  it('a key the token endpoint does not accept is EAUTH (invalid_grant)', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { collect } = setup({ env: { PULSE_GA4_CREDENTIALS: credentials(other) } });
    const error = await failure(collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'EAUTH' });
    expect(error.message).toContain('Invalid JWT Signature');
  });

  it('a service account without access to the property is EAUTH (403) with a fix naming it', async () => {
    const { collect } = setup({ viewers: [] });
    const error = await failure(collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'EAUTH', status: 403 });
    expect(error.fix).toContain(EMAIL);
  });

  it('a token the API no longer accepts is EAUTH (401 UNAUTHENTICATED)', async () => {
    let clock = NOW;
    const { collect } = setup({ oauthNow: () => clock });
    await collect({ kind: 'pageviews' });
    clock = new Date(NOW.getTime() + 2 * 3600_000); // the fake's clock moves on; the token is stale
    const error = await failure(collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
  });

  it('retries 429 RESOURCE_EXHAUSTED (no Retry-After), then gives up with ETRANSIENT', async () => {
    const once = setup();
    once.ga4.failNext('quota');
    expect(await once.collect({ kind: 'pageviews' })).toEqual({ value: 23, status: 'ok' });
    expect(once.http.stats().retries).toBe(1);
    const always = setup();
    always.ga4.failNext('quota', 'quota', 'quota', 'quota', 'quota');
    const error = await failure(always.collect({ kind: 'pageviews' }));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 429 });
    expect(error.message).toContain('Exhausted property tokens');
  });

  it('retries 5xx from the API and from the token endpoint', async () => {
    const { collect, ga4, oauth } = setup();
    oauth.failNext('server_error');
    ga4.failNext('server_error');
    expect(await collect({ kind: 'pageviews' })).toEqual({ value: 23, status: 'ok' });
    const always = setup();
    always.ga4.failNext('server_error', 'server_error', 'server_error', 'server_error', 'server_error');
    await expect(always.collect({ kind: 'pageviews' })).rejects.toMatchObject({ code: 'ETRANSIENT', status: 503 });
  });

  it('rejects a regex GA4 refuses as EQUERY (400 INVALID_ARGUMENT)', async () => {
    const { collect } = setup();
    await expect(collect({ kind: 'pageviews', path_regex: '(' })).rejects.toMatchObject({ code: 'EQUERY', status: 400 });
  });

  it('rejects answers of the wrong shape with EBADRESPONSE', async () => {
    for (const f of ['missing_fields', 'not_numeric', 'not_json'] as const) {
      const { collect, ga4 } = setup();
      ga4.failNext(f);
      await expect(collect({ kind: 'pageviews' })).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    }
  });

  it('never shows the key, the credentials or the access token in errors or logs', async () => {
    const { collect, ga4, oauth, log } = setup();
    await collect({ kind: 'pageviews' });
    const shown: string[] = [];
    for (const f of ['quota', 'server_error', 'missing_fields'] as const) {
      ga4.failNext(f, f, f, f, f);
      shown.push(everythingShown(await failure(collect({ kind: 'pageviews' })), []));
    }
    const text = [...shown, ...log.lines].join('\n');
    const token = oauth.issued[0]?.value ?? 'no token issued';
    expect(text).not.toContain(token);
    expect(text).not.toContain(PEM.split('\n')[1] ?? 'no pem');
    expect(text).not.toContain(credentials());
  });
});

describe('ga4 backfill: one yearMonth range request for a run of months', () => {
  const SEP = periodOf({ year: 2026, month: 9 });
  const NOV = periodOf({ year: 2026, month: 11 });
  const DEC = periodOf({ year: 2026, month: 12 });

  it('asks once for September..December and splits by yearMonth (an empty month is 0)', async () => {
    const { ga4, ctx } = setup();
    const collector = ga4Source.createCollector(ctx, 'web', { type: 'ga4', property: '123456789', credentials_env: 'PULSE_GA4_CREDENTIALS' });
    const metric = { id: 'views', query: { kind: 'visitors' } };
    collector.prefetch?.(metric, [NOV, SEP, OCTOBER, DEC]);
    // Hand-counted distinct users per month: Sep u1; Oct u1..u4; Nov u5; Dec nobody.
    const values = await Promise.all([SEP, OCTOBER, NOV, DEC].map((p) => collector.collect(metric, p)));
    expect(values.map((v) => v.value)).toEqual([1, 4, 1, 0]);
    expect(ga4.bodies).toHaveLength(1);
    expect(ga4.bodies[0]).toMatchObject({ dateRanges: [{ startDate: '2026-09-01', endDate: '2026-12-31' }], dimensions: [{ name: 'yearMonth' }] });
  });

  it('falls back to one request per month when the range request keeps failing', async () => {
    const { ga4, ctx, log } = setup();
    const collector = ga4Source.createCollector(ctx, 'web', { type: 'ga4', property: '123456789', credentials_env: 'PULSE_GA4_CREDENTIALS' });
    const metric = { id: 'views', query: { kind: 'pageviews' } };
    ga4.failNext('server_error', 'server_error', 'server_error', 'server_error', 'server_error');
    collector.prefetch?.(metric, [SEP, OCTOBER]);
    const values = await Promise.all([SEP, OCTOBER].map((p) => collector.collect(metric, p)));
    expect(values.map((v) => v.value)).toEqual([100, 23]);
    expect(ga4.bodies).toHaveLength(7); // 5 attempts at the range, then one per month
    expect(log.lines.some((l) => l.includes('asking month by month'))).toBe(true);
  });

  it('does not multiply a refused credential by the months', async () => {
    const { ga4, ctx } = setup({ viewers: [] });
    const collector = ga4Source.createCollector(ctx, 'web', { type: 'ga4', property: '123456789', credentials_env: 'PULSE_GA4_CREDENTIALS' });
    const metric = { id: 'views', query: { kind: 'pageviews' } };
    collector.prefetch?.(metric, [SEP, OCTOBER, NOV]);
    const results = await Promise.allSettled([SEP, OCTOBER, NOV].map((p) => collector.collect(metric, p)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(ga4.bodies).toHaveLength(0); // refused before the body is read: nothing retried month by month
  });
});
