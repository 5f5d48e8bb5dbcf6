// In-process tests that talk to the sample world over real TCP: let loopback requests through msw
// (everything else stays blocked). Call in beforeEach: msw resets handlers after every test.
import { http, passthrough } from 'msw';
import { server } from '../msw-server.ts';

export function allowLoopback(): void {
  server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
}
