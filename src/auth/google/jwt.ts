// RS256 JWT for Google's service-account grant (RFC 7523), signed with node:crypto so no OAuth
// library is needed. Claims per https://developers.google.com/identity/protocols/oauth2/service-account.
import { createPrivateKey, sign } from 'node:crypto';
import { PulseError } from '../../errors.ts';

export interface JwtClaims {
  iss: string;
  scope: string;
  aud: string;
  iat: number;
  exp: number;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signJwt(claims: JwtClaims, privateKeyPem: string): string {
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    // Never include the PEM or OpenSSL's message (it may quote the input).
    throw new PulseError('EENV', 'the service account private_key is not a valid PEM private key', 'Use the key file exactly as Google Cloud downloaded it (private_key keeps its \\n line breaks).');
  }
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}
