// A raw HTTP server on a loopback port whose every answer the test writes by hand (status, headers,
// body, streaming), for hostile-server tests that drive the real client over real TCP.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { server as msw } from '../msw-server.ts';

export interface Loopback {
  url: string;
  requests: Array<{ method: string; path: string; authorization?: string | undefined }>;
  close(): Promise<void>;
}

export type Answer = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export async function loopback(answer: Answer): Promise<Loopback> {
  const requests: Loopback['requests'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Lets this test file's in-process fetches reach loopback servers past msw's network block. */
export function allowLoopback(): void {
  msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
}
