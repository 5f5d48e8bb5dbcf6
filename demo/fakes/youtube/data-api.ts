// YouTube Data API v3 `GET /youtube/v3/channels?part=statistics&id=...&key=...`
// (https://developers.google.com/youtube/v3/docs/channels/list): counts are STRINGS, an unknown
// channel is a 200 without `items`, a bad key is 400 "API key not valid", no key is 403, and a
// spent daily quota is 403 with reason quotaExceeded. `mine=true` with a bearer token (no key)
// answers the channel the token's account owns; it needs a youtube scope.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { badRequest, faultResponse, googleError, invalidCredentials } from './google-errors.ts';
import { ownedChannel, YT_READONLY_SCOPE, type YoutubeFake } from './state.ts';

const MINE_SCOPES = [YT_READONLY_SCOPE, 'https://www.googleapis.com/auth/youtube', 'https://www.googleapis.com/auth/youtubepartner'];

function mineResponse(request: Request, fake: YoutubeFake): Response {
  const token = fake.tokenServer?.tokenFor(request.headers.get('authorization'));
  if (!token) return invalidCredentials();
  if (!token.scopes.some((s) => MINE_SCOPES.includes(s))) {
    return googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.', [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }]);
  }
  const id = ownedChannel(fake);
  return HttpResponse.json({
    kind: 'youtube#channelListResponse',
    etag: 'fake-etag',
    pageInfo: { totalResults: 1, resultsPerPage: 5 },
    items: [{ kind: 'youtube#channel', etag: 'fake-etag-channel', id }],
  });
}

const KEY_INVALID = 'API key not valid. Please pass a valid API key.';

/** Public subscriber counts are rounded down to three significant figures (since 2019). */
function roundDownToThreeFigures(n: number): number {
  if (n < 1000) return n;
  const unit = 10 ** (String(Math.floor(n)).length - 3);
  return Math.floor(n / unit) * unit;
}

export function youtubeDataHandlers(dataUrl: string, fake: YoutubeFake): RequestHandler[] {
  const base = dataUrl.replace(/\/+$/, '');
  return [
    http.get(`${base}/youtube/v3/channels`, ({ request }) => {
      fake.requests.data.push(request.url);
      const params = new URL(request.url).searchParams;
      if (params.get('mine') === 'true' && params.get('key') === null) return mineResponse(request, fake);
      const key = params.get('key');
      if (key === null) {
        const message = "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
        return googleError(403, 'PERMISSION_DENIED', message, [{ message, domain: 'global', reason: 'forbidden' }]);
      }
      if (key !== fake.apiKey) {
        return HttpResponse.json(
          {
            error: {
              code: 400,
              message: KEY_INVALID,
              errors: [{ message: KEY_INVALID, domain: 'global', reason: 'badRequest' }],
              status: 'INVALID_ARGUMENT',
              details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'youtube.googleapis.com' } }],
            },
          },
          { status: 400 },
        );
      }
      const fault = fake.faults.data.shift();
      if (fault) return faultResponse(fault);
      const part = params.get('part');
      if (part === null) return badRequest('Required parameter: part');
      const ids = (params.get('id') ?? '').split(',');
      const found = ids.includes(fake.channelId);
      const { viewCount, subscriberCount, videoCount, hiddenSubscriberCount } = fake.lifetime;
      return HttpResponse.json({
        kind: 'youtube#channelListResponse',
        etag: 'fake-etag',
        pageInfo: { totalResults: found ? 1 : 0, resultsPerPage: 5 },
        ...(found
          ? {
              items: [
                {
                  kind: 'youtube#channel',
                  etag: 'fake-etag-channel',
                  id: fake.channelId,
                  statistics: {
                    viewCount: String(viewCount),
                    // Hidden counts are left out; shown ones are rounded down to 3 significant figures.
                    ...(hiddenSubscriberCount ? {} : { subscriberCount: String(roundDownToThreeFigures(subscriberCount)) }),
                    hiddenSubscriberCount,
                    videoCount: String(videoCount),
                  },
                },
              ],
            }
          : {}),
      });
    }),
  ];
}
