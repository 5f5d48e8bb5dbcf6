// Google's OAuth 2.0 token endpoint (https://oauth2.googleapis.com/token) for the two grants the
// sources use. The JWT-bearer grant is verified for real: the RS256 signature against the public
// key of the service account's key pair, `iss` a known account, `aud` the token URL, `scope`
// present, and `iat`/`exp` a short-lived window around now. Errors are Google's 400/401 bodies.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { http, HttpResponse, type RequestHandler } from 'msw';

export interface IssuedToken {
  value: string;
  scopes: string[];
  expiresAt: number;
  subject: string;
}

export interface GoogleOAuthFakeOptions {
  tokenUrl: string;
  serviceAccounts?: Array<{ clientEmail: string; publicKey: KeyObject | string }>;
  refreshClients?: Array<{ clientId: string; clientSecret: string; refreshToken: string; scopes: string[] }>;
  now: () => Date;
}

export interface GoogleOAuthFake {
  handlers: RequestHandler[];
  /** Tokens issued so far (for the API fakes to check bearer tokens). */
  issued: IssuedToken[];
  /** The token behind an `Authorization` header, if it is valid now. */
  tokenFor(authorization: string | null): IssuedToken | undefined;
  /** Claims of the last JWT that verified. */
  lastClaims?: Record<string, unknown>;
  failNext(...failures: Array<'server_error' | 'not_json'>): void;
}

const invalidGrant = (description: string) => HttpResponse.json({ error: 'invalid_grant', error_description: description }, { status: 400 });

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  if (!segment) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function googleOAuthFake(options: GoogleOAuthFakeOptions): GoogleOAuthFake {
  const accounts = new Map((options.serviceAccounts ?? []).map((a) => [a.clientEmail, typeof a.publicKey === 'string' ? createPublicKey(a.publicKey) : a.publicKey]));
  const queue: Array<'server_error' | 'not_json'> = [];
  let counter = 0;
  const fake: GoogleOAuthFake = {
    handlers: [],
    issued: [],
    tokenFor(authorization) {
      const value = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
      const token = fake.issued.find((t) => t.value === value);
      return token && token.expiresAt > options.now().getTime() ? token : undefined;
    },
    failNext: (...f) => void queue.push(...f),
  };

  const issue = (subject: string, scopes: string[]) => {
    counter += 1;
    const token: IssuedToken = { value: `ya29.c.fake${counter}_${subject.length}Xy9`, scopes, expiresAt: options.now().getTime() + 3599_000, subject };
    fake.issued.push(token);
    return HttpResponse.json({ access_token: token.value, expires_in: 3599, token_type: 'Bearer' });
  };

  const jwtGrant = (assertion: string | null) => {
    const [h, p, s] = (assertion ?? '').split('.');
    const header = decodeSegment(h);
    const claims = decodeSegment(p);
    if (!header || !claims || !s) return invalidGrant('Invalid JWT: token is malformed.');
    if (header.alg !== 'RS256') return invalidGrant('Invalid JWT Signature.');
    const key = typeof claims.iss === 'string' ? accounts.get(claims.iss) : undefined;
    if (!key) return invalidGrant('Invalid grant: account not found');
    if (!verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) return invalidGrant('Invalid JWT Signature.');
    if (claims.aud !== options.tokenUrl) return invalidGrant(`Invalid JWT: Failed audience check. The right audience is ${options.tokenUrl}`);
    const now = options.now().getTime() / 1000;
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= now || iat > now + 60 || exp - iat > 3600) {
      return invalidGrant('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    if (typeof claims.scope !== 'string' || claims.scope.trim() === '') {
      return HttpResponse.json({ error: 'invalid_scope', error_description: 'Invalid OAuth scope or ID token audience provided.' }, { status: 400 });
    }
    fake.lastClaims = claims;
    return issue(claims.iss as string, claims.scope.split(' '));
  };

  const refreshGrant = (form: URLSearchParams) => {
    const client = options.refreshClients?.find((c) => c.clientId === form.get('client_id'));
    if (!client || client.clientSecret !== form.get('client_secret')) {
      return HttpResponse.json({ error: 'invalid_client', error_description: 'Unauthorized' }, { status: 401 });
    }
    if (client.refreshToken !== form.get('refresh_token')) return invalidGrant('Token has been expired or revoked.');
    return issue(client.clientId, client.scopes);
  };

  fake.handlers = [
    http.post(options.tokenUrl, async ({ request }) => {
      const next = queue.shift();
      if (next === 'server_error') return HttpResponse.json({ error: 'internal_failure', error_description: 'Backend Error' }, { status: 503 });
      if (next === 'not_json') return new HttpResponse('<html><title>Error 502</title></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
      if (!request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded')) {
        return HttpResponse.json({ error: 'invalid_request', error_description: 'Bad Request' }, { status: 400 });
      }
      const form = new URLSearchParams(await request.text());
      const grant = form.get('grant_type');
      if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') return jwtGrant(form.get('assertion'));
      if (grant === 'refresh_token') return refreshGrant(form);
      return HttpResponse.json({ error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant ?? ''}` }, { status: 400 });
    }),
  ];
  return fake;
}
