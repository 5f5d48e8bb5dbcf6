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
    // Process-wide state carries over from file to file: test/setup.ts resets what must not.
    isolate: false,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
