import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServiceAccountKey, refreshTokenAccessToken, tokenCache } from '../../../src/auth/google/index.ts';
import { googleOAuthFake } from '@community-pulse/demo/fakes/google-oauth/index';
import { server } from '../../msw-server.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { everythingShown, failure, harness, NOW } from '../../sources/discourse/harness.ts';

const TOKEN_URL = 'https://oauth2.googleapis.com/token';
const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-SECRET-client-9x8y', refreshToken: '1//0gSECRET-refresh-token-abc', scopes: ['https://www.googleapis.com/auth/yt-analytics.readonly'] };

function setup() {
  const oauth = googleOAuthFake({ tokenUrl: TOKEN_URL, refreshClients: [CLIENT], now: () => NOW });
  server.use(...oauth.handlers);
  return { oauth, ...harness({}) };
}

describe('google-auth', () => {
  it('exchanges a refresh token for an access token that expires with expires_in', async () => {
    const { ctx, oauth } = setup();
    const token = await refreshTokenAccessToken(ctx, { ...CLIENT, tokenUrl: TOKEN_URL });
    expect(token.value).toBe(oauth.issued[0]?.value);
    expect(token.expiresAt.getTime()).toBe(NOW.getTime() + 3599_000);
  });

  it('a revoked refresh token (400 invalid_grant) or a wrong client (401) is EAUTH without secrets', async () => {
    const { ctx, log } = setup();
    const revoked = await failure(refreshTokenAccessToken(ctx, { ...CLIENT, refreshToken: '1//0gOTHER-SECRET-token', tokenUrl: TOKEN_URL }));
    expect(revoked).toMatchObject({ code: 'EAUTH' });
    expect(revoked.message).toContain('Token has been expired or revoked');
    const client = await failure(refreshTokenAccessToken(ctx, { ...CLIENT, clientSecret: 'GOCSPX-WRONG-secret', tokenUrl: TOKEN_URL }));
    expect(client).toMatchObject({ code: 'EAUTH', status: 401 });
    const shown = everythingShown(revoked, log.lines) + everythingShown(client, []);
    for (const secret of ['1//0gOTHER-SECRET-token', 'GOCSPX-WRONG-secret', CLIENT.refreshToken, CLIENT.clientSecret]) expect(shown).not.toContain(secret);
  });

  it('tokenCache shares one request and fetches again only near expiry or after a failure', async () => {
    let now = NOW;
    let calls = 0;
    let fail = true;
    const get = tokenCache({ now: () => now }, async () => {
      calls += 1;
      if (fail) {
        fail = false;
        throw new Error('token endpoint down');
      }
      return { value: `t${calls}`, expiresAt: new Date(now.getTime() + 3599_000) };
    });
    await expect(get()).rejects.toThrow('token endpoint down');
    expect(await Promise.all([get(), get()])).toEqual(['t2', 't2']);
    now = new Date(NOW.getTime() + 3500_000);
    expect(await get()).toBe('t2'); // 99 s left: still good
    now = new Date(NOW.getTime() + 3550_000); // 49 s left: too close to expiry
    expect(await get()).toBe('t3');
    expect(calls).toBe(3);
  });

  it('reads the key file from a path (a GitLab "File" variable)', () => {
    const dir = tempDir('pulse-sa-');
    const file = join(dir, 'key.json');
    writeFileSync(file, JSON.stringify({ client_email: 'a@b.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n' }));
    expect(parseServiceAccountKey(file).client_email).toBe('a@b.iam.gserviceaccount.com');
    expect(() => parseServiceAccountKey(join(dir, 'missing.json'))).toThrow(expect.objectContaining({ code: 'EENV' }));
  });
});
