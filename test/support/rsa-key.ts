// The sample world's RSA key pair (demo/rsa-key.ts), shared with the tests.
export { PRIVATE_KEY_PEM, privateKey, publicKey } from '@community-pulse/demo/rsa-key';
