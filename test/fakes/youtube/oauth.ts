// Google's OAuth 2.0 token endpoint for the refresh-token grant (`POST /token`, form encoded), as
// https://developers.google.com/identity/protocols/oauth2/native-app#offline describes it: an
// unknown client is 401 invalid_client, a revoked or wrong refresh token is 400 invalid_grant.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { faultResponse } from './google-errors.ts';
import type { YoutubeFake } from './state.ts';

export function googleTokenHandlers(tokenUrl: string, fake: YoutubeFake): RequestHandler[] {
  return [
    http.post(tokenUrl, async ({ request }) => {
      fake.requests.token.push(request.url);
      const fault = fake.faults.token.shift();
      if (fault) return faultResponse(fault);
      if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        return HttpResponse.json({ error: 'invalid_request', error_description: 'Invalid request: content type' }, { status: 400 });
      }
      const form = new URLSearchParams(await request.text());
      if (form.get('grant_type') !== 'refresh_token') {
        return HttpResponse.json({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + (form.get('grant_type') ?? '') }, { status: 400 });
      }
      if (form.get('client_id') !== fake.oauth.clientId) {
        return HttpResponse.json({ error: 'invalid_client', error_description: 'The OAuth client was not found.' }, { status: 401 });
      }
      if (form.get('client_secret') !== fake.oauth.clientSecret) {
        return HttpResponse.json({ error: 'invalid_client', error_description: 'Unauthorized' }, { status: 401 });
      }
      if (form.get('refresh_token') !== fake.oauth.refreshToken) {
        return HttpResponse.json({ error: 'invalid_grant', error_description: 'Bad Request' }, { status: 400 });
      }
      return HttpResponse.json({
        access_token: fake.accessToken,
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/yt-analytics.readonly',
        token_type: 'Bearer',
      });
    }),
  ];
}
