// Test support, one of each: the frozen clock, the test HTTP client (instant recording sleep,
// frozen clock, fixed jitter), the rejection helper, the RSA key, temporary directories and the
// CLI as a child process, and events a test waits on instead of wall-clock time.
export { frozenClock, NOW, SETTLED_NOW, settledClock } from './clock.ts';
export { events, type Events } from './events.ts';
export { testClient, type TestClient } from '../fakes/http-fakes.ts';
export { rejectionOf } from './rejection.ts';
export { PRIVATE_KEY_PEM, privateKey, publicKey } from './rsa-key.ts';
export { spawnCli, type Spawned } from './spawn-cli.ts';
export { tempDir } from './temp-dir.ts';
