// The one RSA key pair of the sample world (its Google service account key): generated once per
// process, since 2048-bit generation is the slowest thing the world or a test file would otherwise do.
import { generateKeyPairSync } from 'node:crypto';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });

export const privateKey = pair.privateKey;
export const publicKey = pair.publicKey;
/** The private key as the PEM text a key file holds. */
export const PRIVATE_KEY_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
