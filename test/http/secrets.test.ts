// A credential in the URL query, a header or an echoed error body never reaches a message or log.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../src/http/errors.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { failure, testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';

const TOKEN = 'glpat-SECRETxTOKENx0123456789';
const API_KEY = 'AIzaSyD-SECRETKEYx9876543210';
// Not registered with the masker: caught by the ?key= / Bearer scrubbing alone.
const UNREGISTERED = 'unregistered-Secret-4242';
const SECRETS = [TOKEN, API_KEY, UNREGISTERED, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64')];

const URL_YT = 'https://www.googleapis.com/youtube/v3/channels';

function expectClean(texts: string[]) {
  for (const text of texts) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('secrets never leak', () => {
  it.each([
    [400, 'EQUERY'],
    [401, 'EAUTH'],
    [404, 'ENOTFOUND'],
    [429, 'ETRANSIENT'],
    [503, 'ETRANSIENT'],
  ] as const)('a %i that echoes the key, token and URL', async (status, code) => {
    server.use(
      http.get(URL_YT, ({ request }) =>
        HttpResponse.json(
          {
            error: {
              code: status,
              message: `Bad request ${request.url} with token ${request.headers.get('private-token')} and Authorization: Bearer ${UNREGISTERED} key=${UNREGISTERED}`,
            },
          },
          { status },
        ),
      ),
    );
    const masker = new SecretMasker();
    masker.add(TOKEN);
    masker.add(API_KEY);
    const { client, log } = testClient({ masker, maxRetries: 1 });
    const error = await client
      .request({
        url: `${URL_YT}?part=statistics&key=${API_KEY}`,
        query: { id: 'UC123', access_token: UNREGISTERED },
        headers: { 'PRIVATE-TOKEN': TOKEN },
        schema: z.unknown(),
        authHint: `Check PULSE_YOUTUBE_KEY (currently ${API_KEY})`,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    const e = error as HttpError;
    expect(e.code).toBe(code);
    expect(e.message).toContain('[MASKED]');
    expectClean([e.message, e.fix, String(e.stack), ...log.lines]);
    expect(log.lines.length).toBeGreaterThan(0);
  });

  it('a 200 whose bad shape includes a secret in a field message, and a network error', async () => {
    server.use(
      http.get('https://api.example.com/bad', () => HttpResponse.json({ value: TOKEN })),
      http.get('https://api.example.com/down', () => HttpResponse.error()),
    );
    const masker = new SecretMasker();
    masker.add(TOKEN);
    const { client, log } = testClient({ masker, maxRetries: 1 });
    const bad = await failure(client.request({ url: `https://api.example.com/bad?key=${UNREGISTERED}`, schema: z.object({ value: z.number() }).or(z.object({ value: z.literal('x') })) }));
    const down = await failure(client.request({ url: `https://api.example.com/down?key=${UNREGISTERED}`, schema: z.unknown() }));
    expect(bad.code).toBe('EBADRESPONSE');
    expect(down.code).toBe('ETRANSIENT');
    expectClean([bad.message, down.message, ...log.lines]);
  });

  it('debug lines show host and path, never the query', async () => {
    server.use(http.get(URL_YT, () => HttpResponse.json({ items: [] })));
    const { client, log } = testClient();
    await client.request({ url: URL_YT, query: { part: 'statistics', key: API_KEY }, schema: z.unknown() });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^debug: GET www\.googleapis\.com\/youtube\/v3\/channels 200 \d+ms$/);
  });
});
