import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The fakes and the CLI tests start processes and loopback servers: give them room on 2 cores.
    testTimeout: 30_000,
    pool: 'forks',
    // Test files share workers (no module re-import per file): every file passes this way, and a
    // full run took 30 s instead of 57 s on 2 loaded cores. Temp dirs go through test/support.
    isolate: false,
    // In CI a failed test runs once more. Known intermittent failure, not yet explained: a GA4 test
    // (test/sources/ga4/*.test.ts) sometimes gets "the service account private_key is not a valid PEM
    // private key" from createPrivateKey on the sample world's valid key — about 1 full run in 5 with
    // isolate: false, never alone (see the closing note of that session). A real failure fails twice.
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
