// Google OAuth 2.0 access tokens for the Google sources: a service account's JWT grant (GA4) and
// an installed app's refresh-token grant (YouTube Analytics). Tokens go through the one HTTP
// client, so retries, budgets and masking apply; callers cache them with `tokenCache`.
import { isPulseError, PulseError } from '../../errors.ts';
import { parseServiceAccountKey } from './credentials.ts';
import { signJwt } from './jwt.ts';
import { tokenResponseSchema, type TokenResponse } from './responses.ts';
import type { Services } from '../../services.ts';

export { parseServiceAccountKey } from './credentials.ts';
export { signJwt, type JwtClaims } from './jwt.ts';

/** What token requests need; a source's context satisfies it. */
/** What token requests need (a source's context satisfies it): the HTTP client and clock, and a way to register tokens with the masker. */
export type GoogleAuthContext = Pick<Services, 'http' | 'now'> & { addSecret?(value: string): void };

export interface AccessToken {
  /** The bearer token; a secret: never log it. */
  value: string;
  expiresAt: Date;
}

export interface ServiceAccountTokenOptions {
  /** The service-account key file's text (or base64 of it, or a path to it). */
  credentialsJson: string;
  scopes: readonly string[];
  /** The token endpoint, which is also the JWT's `aud`. */
  tokenUrl: string;
}

export interface RefreshTokenOptions {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenUrl: string;
}

/** JWT lifetime Google accepts at most (one hour). */
const JWT_LIFETIME_S = 3600;

function toAccessToken(ctx: GoogleAuthContext, body: TokenResponse): AccessToken {
  // A bearer token is as good as the key it came from: mask it in every line we print.
  ctx.addSecret?.(body.access_token);
  return { value: body.access_token, expiresAt: new Date(ctx.now().getTime() + body.expires_in * 1000) };
}

/**
 * Google answers a bad grant with 400 `{"error":"invalid_grant",...}` (unknown account, bad
 * signature, revoked refresh token): for a user that is a credentials problem, not a query problem.
 */
function asAuthError(error: unknown, fix: string): unknown {
  if (isPulseError(error) && error.code === 'EQUERY') {
    return new PulseError('EAUTH', `Google refused the token request: ${error.message}`, fix, { cause: error });
  }
  return error;
}

export async function serviceAccountToken(ctx: GoogleAuthContext, options: ServiceAccountTokenOptions): Promise<AccessToken> {
  const key = parseServiceAccountKey(options.credentialsJson);
  const iat = Math.floor(ctx.now().getTime() / 1000);
  const assertion = signJwt({ iss: key.client_email, scope: options.scopes.join(' '), aud: options.tokenUrl, iat, exp: iat + JWT_LIFETIME_S }, key.private_key);
  ctx.addSecret?.(assertion);
  const fix = `Check the service account key (${key.client_email}): it must not be deleted or disabled, and the machine clock must be right.`;
  try {
    const res = await ctx.http.request({
      method: 'POST',
      url: options.tokenUrl,
      form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
      schema: tokenResponseSchema,
      what: 'Google OAuth token for a service account',
      authHint: fix,
    });
    return toAccessToken(ctx, res.data);
  } catch (error) {
    throw asAuthError(error, fix);
  }
}

export async function refreshTokenAccessToken(ctx: GoogleAuthContext, options: RefreshTokenOptions): Promise<AccessToken> {
  const fix = 'Check the OAuth client id/secret and the refresh token: a refresh token is revoked when the owner removes access, changes password, or (for apps in "testing") after 7 days.';
  try {
    const res = await ctx.http.request({
      method: 'POST',
      url: options.tokenUrl,
      form: {
        grant_type: 'refresh_token',
        client_id: options.clientId,
        client_secret: options.clientSecret,
        refresh_token: options.refreshToken,
      },
      schema: tokenResponseSchema,
      what: 'Google OAuth token from a refresh token',
      authHint: fix,
    });
    return toAccessToken(ctx, res.data);
  } catch (error) {
    throw asAuthError(error, fix);
  }
}

/**
 * Caches one token for the run and fetches a new one shortly before it expires. Concurrent
 * callers share one in-flight request; a failed request is not cached.
 */
export function tokenCache(ctx: Pick<GoogleAuthContext, 'now'>, fetchToken: () => Promise<AccessToken>): () => Promise<string> {
  let pending: Promise<AccessToken> | undefined;
  return async () => {
    if (pending) {
      const token = await pending.catch(() => undefined);
      if (token && token.expiresAt.getTime() - ctx.now().getTime() > 60_000) return token.value;
    }
    const request = fetchToken();
    pending = request;
    request.catch(() => {
      if (pending === request) pending = undefined;
    });
    return (await request).value;
  };
}
