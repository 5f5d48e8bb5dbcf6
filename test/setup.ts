// Every test file runs behind msw: any request no handler answers is an error, so no test can
// reach the network by accident, and a fake that is not set up fails loudly. Temporary directories
// made with test/support/temp-dir.ts are removed after each file. TLS sessions are never resumed:
// msw's fake session tickets otherwise break key parsing in later files (support/no-tls-resumption.ts).
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw-server.ts';
import { disableTlsResumption } from './support/no-tls-resumption.ts';
import { removeTempDirs } from './support/temp-dir.ts';

disableTlsResumption();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  removeTempDirs();
});
