// YouTube with only a Data API key: lifetime views with a note, subscribers gained unavailable,
// quota and key failures classified, and the key (sent as ?key=) never shown.
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { youtubeSource } from '../../../src/sources/youtube/index.ts';
import { youtubeFake, youtubeFakeUrls, youtubeHandlers, type YoutubeFake } from '@community-pulse/demo/fakes/youtube/index';
import { server } from '../../msw-server.ts';
import { harness, rejectionOf } from './harness.ts';

const urls = youtubeFakeUrls('https://google.test');
const OCTOBER = periodOf({ year: 2026, month: 10 }, 'America/New_York');
const MAY = periodOf({ year: 2026, month: 5 }, 'America/New_York');

let fake: YoutubeFake;

function setup(apiKey = fake.apiKey, channelId = fake.channelId) {
  const h = harness({ YT_API_KEY: apiKey });
  const config = { type: 'youtube', channel_id: channelId, api_key_env: 'YT_API_KEY', data_url: urls.dataUrl };
  const collector = youtubeSource.createCollector(h.ctx, 'youtube', config);
  const collect = (kind: string, period = OCTOBER) => collector.collect({ id: `yt-${kind}`, query: { kind } }, period);
  return { ...h, collect };
}

beforeEach(() => {
  fake = youtubeFake({ lifetime: { viewCount: 1234567, subscriberCount: 45678, videoCount: 89, hiddenSubscriberCount: false } });
  server.use(...youtubeHandlers(urls, fake));
});

describe('youtube with only an API key', () => {
  it('reports lifetime views with a note saying so, read once per run', async () => {
    const { collect } = setup();
    const outcome = await collect('views');
    expect(outcome).toEqual({
      value: 1234567,
      status: 'ok',
      note: 'lifetime channel views sampled on 2026-11-02, not views in 2026-10 — set oauth for monthly views',
    });
    await collect('views');
    expect(fake.requests.data).toHaveLength(1);
    const query = new URL(fake.requests.data[0] ?? '').searchParams;
    expect(query.get('part')).toBe('statistics');
    expect(query.get('id')).toBe(fake.channelId);
  });

  it('reports a channel with no views yet as 0', async () => {
    fake.lifetime = { viewCount: 0, subscriberCount: 0, videoCount: 0, hiddenSubscriberCount: true };
    expect((await setup().collect('views')).value).toBe(0);
  });

  it('leaves subscribers gained unavailable: a subscriber total is not a monthly gain', async () => {
    const outcome = await setup().collect('subscribers_gained');
    expect(outcome.status).toBe('unavailable');
    expect(outcome.value).toBeNull();
    expect(outcome.reason).toContain('set oauth');
    expect(fake.requests.data).toHaveLength(0);
  });

  it("does not pass today's lifetime total off as an old month's value", async () => {
    const outcome = await setup().collect('views', MAY);
    expect(outcome).toMatchObject({ value: null, status: 'unavailable' });
    expect(outcome.reason).toContain('2026-05');
    expect(fake.requests.data).toHaveLength(0);
  });

  it('fails as ENOTFOUND for a channel id the API does not know', async () => {
    const error = await rejectionOf(setup(fake.apiKey, 'UCaaaaaaaaaaaaaaaaaaaaaa').collect('views'));
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
    expect((error as Error).message).toContain('UCaaaaaaaaaaaaaaaaaaaaaa');
  });

  it('retries a 429 and a 5xx, then succeeds', async () => {
    fake.faults.data = ['rate-limited', 'server-error'];
    expect((await setup().collect('views')).value).toBe(1234567);
    expect(fake.requests.data).toHaveLength(3);
  });

  it('fails as ETRANSIENT when 429s or 5xx last', async () => {
    fake.faults.data = Array(10).fill('rate-limited');
    await expect(setup().collect('views')).rejects.toMatchObject({ code: 'ETRANSIENT', status: 429 });
    fake.faults.data = Array(10).fill('unavailable');
    await expect(setup().collect('views')).rejects.toMatchObject({ code: 'ETRANSIENT', status: 503 });
  });

  it('fails a spent quota at once as a quota problem (ETRANSIENT), not as an auth error', async () => {
    fake.faults.data = ['quota-exceeded'];
    const error = await rejectionOf(setup().collect('views'));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 403, transient: true });
    expect((error as Error).message).toContain('quota is spent (403 quotaExceeded)');
    expect((error as Error).message).not.toContain('<a');
    expect((error as Error & { fix: string }).fix).toContain('midnight Pacific time');
    expect(fake.requests.data).toHaveLength(1);
  });

  it('fails as EAUTH for a key Google rejects, and never shows the key', async () => {
    const wrongKey = 'AIzaSyWrongKeyValue-Secret987654321';
    const { collect, visibleText } = setup(wrongKey);
    const error = await rejectionOf(collect('views'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 400 });
    expect((error as Error).message).toContain('API key not valid');
    expect((error as Error & { fix: string }).fix).toContain('YT_API_KEY');
    expect(fake.requests.data[0]).toContain(`key=${wrongKey}`);
    expect(visibleText([error])).not.toContain(wrongKey);
  });

  it('never shows the key even when an error body echoes the request URL', async () => {
    server.use(
      http.get(`${urls.dataUrl}/youtube/v3/channels`, ({ request }) =>
        HttpResponse.json({ error: { code: 500, message: `Backend Error while serving ${request.url}`, errors: [{ message: 'Backend Error', domain: 'global', reason: 'backendError' }] } }, { status: 500 }),
      ),
    );
    const { collect, visibleText } = setup();
    const error = await rejectionOf(collect('views'));
    expect(error).toMatchObject({ code: 'ETRANSIENT' });
    const text = visibleText([error]);
    expect(text).toContain('Backend Error');
    expect(text).not.toContain(fake.apiKey);
  });

  it('rejects counts that are not decimal strings: EBADRESPONSE', async () => {
    server.use(http.get(`${urls.dataUrl}/youtube/v3/channels`, () => HttpResponse.json({ kind: 'youtube#channelListResponse', items: [{ id: fake.channelId, statistics: { viewCount: 1234567 } }] })));
    await expect(setup().collect('views')).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });
});
