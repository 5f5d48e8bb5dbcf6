// YouTube with OAuth: exact monthly figures from the Analytics API, behind the fake token endpoint
// and Analytics API (test/fakes/youtube).
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { youtubeSource } from '../../../src/sources/youtube/index.ts';
import { youtubeFake, youtubeFakeUrls, youtubeHandlers, type YoutubeFake } from '@community-pulse/demo/fakes/youtube/index';
import { server } from '../../msw-server.ts';
import { harness, rejectionOf } from './harness.ts';

const BASE = 'https://google.test';
const urls = youtubeFakeUrls(BASE);
const OCTOBER = periodOf({ year: 2026, month: 10 }, 'Europe/Berlin');
const SEPTEMBER = periodOf({ year: 2026, month: 9 }, 'Europe/Berlin');

let fake: YoutubeFake;

function env() {
  return { YT_CLIENT_ID: fake.oauth.clientId, YT_CLIENT_SECRET: fake.oauth.clientSecret, YT_REFRESH_TOKEN: fake.oauth.refreshToken };
}

function setup(overrides: Record<string, string> = {}) {
  const h = harness({ ...env(), ...overrides });
  const config = {
    type: 'youtube',
    channel_id: fake.channelId,
    oauth: { client_id_env: 'YT_CLIENT_ID', client_secret_env: 'YT_CLIENT_SECRET', refresh_token_env: 'YT_REFRESH_TOKEN' },
    analytics_url: urls.analyticsUrl,
    token_url: urls.tokenUrl,
  };
  const collector = youtubeSource.createCollector(h.ctx, 'youtube', config);
  const collect = (kind: string, period = OCTOBER) => collector.collect({ id: `yt-${kind}`, query: { kind } }, period);
  return { ...h, collect };
}

const issuedTokens = () => fake.tokenServer?.issued.map((t) => t.value) ?? [];
const secrets = () => [fake.oauth.clientSecret, fake.oauth.refreshToken, ...issuedTokens()];

/** Requests that reached the token endpoint, failed ones included. */
let tokenRequests = 0;

beforeEach(() => {
  fake = youtubeFake({
    months: {
      '2026-09': { views: 9000, subscribersGained: 12, estimatedMinutesWatched: 30000 },
      '2026-10': { views: 12345, subscribersGained: 67, estimatedMinutesWatched: 45678 },
    },
  });
  server.use(...youtubeHandlers(urls, fake));
  tokenRequests = 0;
  server.events.removeAllListeners();
  server.events.on('request:start', ({ request }) => {
    if (request.url === urls.tokenUrl) tokenRequests++;
  });
});

describe('youtube via the Analytics API', () => {
  it("reads the month's views and subscribers gained, one token and one report for both metrics", async () => {
    const { collect } = setup();
    const [views, gained] = await Promise.all([collect('views'), collect('subscribers_gained')]);
    expect(views).toEqual({ value: 12345, status: 'ok' });
    expect(gained).toEqual({ value: 67, status: 'ok' });
    expect(tokenRequests).toBe(1);
    expect(fake.requests.analytics).toHaveLength(1);
    const query = new URL(fake.requests.analytics[0] ?? '').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      ids: `channel==${fake.channelId}`,
      startDate: '2026-10-01',
      endDate: '2026-10-31',
      metrics: 'views,subscribersGained',
      dimensions: 'month',
    });
  });

  it('asks once per period and reuses the access token across periods', async () => {
    const { collect } = setup();
    expect((await collect('views', SEPTEMBER)).value).toBe(9000);
    expect((await collect('views', OCTOBER)).value).toBe(12345);
    expect((await collect('subscribers_gained', SEPTEMBER)).value).toBe(12);
    expect(fake.requests.analytics).toHaveLength(2);
    expect(tokenRequests).toBe(1);
  });

  it('reads 0 for a month without activity (the API sends no rows)', async () => {
    fake.months = {};
    const { collect } = setup();
    expect(await collect('views')).toEqual({ value: 0, status: 'ok' });
    expect(await collect('subscribers_gained')).toEqual({ value: 0, status: 'ok' });
  });

  it('finds columns by name, not by position', async () => {
    server.use(
      http.get(`${urls.analyticsUrl}/v2/reports`, () =>
        HttpResponse.json({
          kind: 'youtubeAnalytics#resultTable',
          columnHeaders: [
            { name: 'subscribersGained', columnType: 'METRIC', dataType: 'INTEGER' },
            { name: 'estimatedMinutesWatched', columnType: 'METRIC', dataType: 'INTEGER' },
            { name: 'month', columnType: 'DIMENSION', dataType: 'STRING' },
            { name: 'views', columnType: 'METRIC', dataType: 'INTEGER' },
          ],
          rows: [[67, 45678, '2026-10', 12345]],
        }),
      ),
    );
    const { collect } = setup();
    expect((await collect('views')).value).toBe(12345);
    expect((await collect('subscribers_gained')).value).toBe(67);
  });

  it('retries a 429 and then succeeds', async () => {
    fake.faults.analytics = ['rate-limited'];
    const { collect, http: client } = setup();
    expect((await collect('views')).value).toBe(12345);
    expect(fake.requests.analytics).toHaveLength(2);
    expect(client.stats().retries).toBe(1);
  });

  it('gives up after the retries on a lasting 429: ETRANSIENT', async () => {
    fake.faults.analytics = Array(10).fill('rate-limited');
    const { collect } = setup();
    const error = await rejectionOf(collect('views'));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 429 });
    expect(fake.requests.analytics).toHaveLength(5);
    // The second metric shares the failed report instead of spending five more requests.
    await expect(collect('subscribers_gained')).rejects.toMatchObject({ code: 'ETRANSIENT' });
    expect(fake.requests.analytics).toHaveLength(5);
  });

  it('retries a 5xx, and fails as ETRANSIENT when it lasts', async () => {
    fake.faults.analytics = ['server-error', 'unavailable'];
    const first = setup();
    expect((await first.collect('views')).value).toBe(12345);
    expect(fake.requests.analytics).toHaveLength(3);

    fake.faults.analytics = Array(10).fill('unavailable');
    await expect(setup().collect('views')).rejects.toMatchObject({ code: 'ETRANSIENT', status: 503 });
  });

  it('fails as a quota problem, not an auth problem, when the quota is spent', async () => {
    fake.faults.analytics = ['quota-exceeded'];
    const error = await rejectionOf(setup().collect('views'));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 403 });
    expect(String((error as Error).message)).toMatch(/quota/);
    expect(fake.requests.analytics).toHaveLength(1);
  });

  it('rejects a report without the metric column: EBADRESPONSE', async () => {
    server.use(
      http.get(`${urls.analyticsUrl}/v2/reports`, () =>
        HttpResponse.json({
          columnHeaders: [
            { name: 'month', columnType: 'DIMENSION', dataType: 'STRING' },
            { name: 'views', columnType: 'METRIC', dataType: 'INTEGER' },
          ],
          rows: [['2026-10', 5]],
        }),
      ),
    );
    const error = await rejectionOf(setup().collect('subscribers_gained'));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    expect((error as Error).message).toContain('no "subscribersGained" column');
  });

  it('rejects a value that is not a number: EBADRESPONSE', async () => {
    server.use(
      http.get(`${urls.analyticsUrl}/v2/reports`, () =>
        HttpResponse.json({
          columnHeaders: [{ name: 'month' }, { name: 'views' }, { name: 'subscribersGained' }],
          rows: [['2026-10', '12345', 67]],
        }),
      ),
    );
    await expect(setup().collect('views')).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('fails as EAUTH when the refresh token is wrong (400 invalid_grant), without echoing any credential', async () => {
    const { collect, visibleText } = setup({ YT_REFRESH_TOKEN: '1//0revokedRefreshToken-Secret' });
    const error = await rejectionOf(collect('views'));
    expect(error).toMatchObject({ code: 'EAUTH' });
    expect(fake.requests.analytics).toHaveLength(0);
    const text = visibleText([error]);
    for (const secret of [...secrets(), '1//0revokedRefreshToken-Secret']) expect(text).not.toContain(secret);
  });

  it('fails as EAUTH when the client secret is wrong (401 invalid_client)', async () => {
    const { collect, visibleText } = setup({ YT_CLIENT_SECRET: 'GOCSPX-wrongClientSecret99' });
    const error = await rejectionOf(collect('views'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
    expect(visibleText([error])).not.toContain('GOCSPX-wrongClientSecret99');
  });

  it('fails as EAUTH on a 401 from the Analytics API (the access token was revoked), never showing it', async () => {
    const { collect, visibleText, log } = setup();
    await collect('views', SEPTEMBER);
    const revoked = issuedTokens();
    expect(revoked).toHaveLength(1);
    fake.tokenServer?.issued.splice(0);
    const error = await rejectionOf(collect('views', OCTOBER));
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
    expect((error as Error & { fix: string }).fix).toContain('yt-analytics.readonly');
    expect(log.lines.length).toBeGreaterThan(0);
    const text = visibleText([error]);
    for (const secret of [fake.oauth.clientSecret, fake.oauth.refreshToken, ...revoked]) expect(text).not.toContain(secret);
  });

  it('fails as EAUTH when the refresh token lacks the yt-analytics scope (403 insufficientPermissions)', async () => {
    fake.oauth.scopes = ['https://www.googleapis.com/auth/youtube.readonly'];
    const error = await rejectionOf(setup().collect('views'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 403 });
    expect((error as Error).message).toContain('insufficient authentication scopes');
  });

  it('fails as EAUTH naming youtube.readonly when the token has only yt-analytics.readonly (reports.query now requires it)', async () => {
    fake.oauth.scopes = ['https://www.googleapis.com/auth/yt-analytics.readonly'];
    const error = await rejectionOf(setup().collect('views'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 403 });
    expect((error as Error & { fix: string }).fix).toContain('https://www.googleapis.com/auth/youtube.readonly');
  });

  it('refuses a token whose account owns another channel instead of reporting that channel (ids names the configured channel)', async () => {
    fake.oauth.ownedChannelId = 'UCotherChannel0123456789';
    const error = await rejectionOf(setup().collect('views'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 403 });
    expect((error as Error & { fix: string }).fix).toContain(fake.channelId);
  });

  /** The configured channel, read with the owner's OAuth refresh token (what verify checks). */
  const verifyConfig = () =>
    youtubeSource.configSchema.parse({
      type: 'youtube',
      channel_id: fake.channelId,
      oauth: { client_id_env: 'YT_CLIENT_ID', client_secret_env: 'YT_CLIENT_SECRET', refresh_token_env: 'YT_REFRESH_TOKEN' },
      analytics_url: urls.analyticsUrl,
      data_url: urls.dataUrl,
      token_url: urls.tokenUrl,
    });

  it("verify: passes when the token's channel (channels?mine=true) is the configured one", async () => {
    const h = harness(env());
    const config = verifyConfig();
    await expect(youtubeSource.verify?.(h.ctx, 'youtube', config, [])).resolves.toBeUndefined();
    expect(fake.requests.data.some((u) => new URL(u).searchParams.get('mine') === 'true')).toBe(true);
  });

  it('verify: refuses, with the fix, a token granted by the owner of another channel', async () => {
    fake.oauth.ownedChannelId = 'UCotherChannel0123456789';
    const h = harness(env());
    const config = verifyConfig();
    const error = await rejectionOf(youtubeSource.verify?.(h.ctx, 'youtube', config, []) ?? Promise.resolve());
    expect(error).toMatchObject({ code: 'EAUTH' });
    expect((error as Error).message).toContain('UCotherChannel0123456789');
    expect((error as Error & { fix: string }).fix).toContain(fake.channelId);
  });

  it('fails with EENV naming the variable when a credential is not set', async () => {
    const { collect } = setup({ YT_CLIENT_SECRET: '' });
    const error = await rejectionOf(collect('views'));
    expect(error).toMatchObject({ code: 'EENV' });
    expect((error as Error).message).toContain('YT_CLIENT_SECRET');
    expect(tokenRequests).toBe(0);
  });
});

describe('youtube backfill: one month-dimension request for a run of months', () => {
  it('asks once for August..October and splits by month (a month without activity is 0)', async () => {
    const { ctx } = harness(env());
    const collector = youtubeSource.createCollector(ctx, 'youtube', {
      type: 'youtube',
      channel_id: fake.channelId,
      oauth: { client_id_env: 'YT_CLIENT_ID', client_secret_env: 'YT_CLIENT_SECRET', refresh_token_env: 'YT_REFRESH_TOKEN' },
      analytics_url: urls.analyticsUrl,
      token_url: urls.tokenUrl,
    });
    const august = periodOf({ year: 2026, month: 8 }, 'Europe/Berlin');
    const months = [august, SEPTEMBER, OCTOBER];
    const views = { id: 'v', query: { kind: 'views' } };
    const gained = { id: 'g', query: { kind: 'subscribers_gained' } };
    collector.prefetch?.(views, months);
    collector.prefetch?.(gained, months);
    const all = await Promise.all(months.flatMap((p) => [collector.collect(views, p), collector.collect(gained, p)]));
    expect(all.map((o) => o.value)).toEqual([0, 0, 9000, 12, 12345, 67]);
    expect(fake.requests.analytics).toHaveLength(1);
    const query = new URL(fake.requests.analytics[0] ?? '').searchParams;
    expect([query.get('startDate'), query.get('endDate'), query.get('dimensions')]).toEqual(['2026-08-01', '2026-10-31', 'month']);
  });

  it('falls back to per-month requests when the range keeps answering 5xx', async () => {
    const { ctx } = harness(env());
    const collector = youtubeSource.createCollector(ctx, 'youtube', {
      type: 'youtube',
      channel_id: fake.channelId,
      oauth: { client_id_env: 'YT_CLIENT_ID', client_secret_env: 'YT_CLIENT_SECRET', refresh_token_env: 'YT_REFRESH_TOKEN' },
      analytics_url: urls.analyticsUrl,
      token_url: urls.tokenUrl,
    });
    fake.faults.analytics.push('server-error', 'server-error', 'server-error', 'server-error', 'server-error');
    const views = { id: 'v', query: { kind: 'views' } };
    collector.prefetch?.(views, [SEPTEMBER, OCTOBER]);
    expect((await Promise.all([SEPTEMBER, OCTOBER].map((p) => collector.collect(views, p)))).map((o) => o.value)).toEqual([9000, 12345]);
    expect(fake.requests.analytics).toHaveLength(7);
  });
});
