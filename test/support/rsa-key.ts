// The sample world's RSA key pair (src/demo/rsa-key.ts), shared with the tests.
export { PRIVATE_KEY_PEM, privateKey, publicKey } from '../../src/demo/rsa-key.ts';
