// Serves msw request handlers on a loopback port, so the same fakes that answer in-process tests
// also answer a real child process (`community-pulse run`) and the benchmark over real TCP.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';

export interface ServeOptions {
  /** Added before every answer, to model a remote API's round trip (benchmarks). */
  latencyMs?: number;
  /**
   * Awaited before every answer: a test holds requests here (a backfill stopped part-way) and
   * lets them go when it chooses. Sees the request line and the body as text.
   */
  hold?: (request: { method: string; path: string; body: string }) => Promise<void> | undefined;
}

export interface ServedFake {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Requests answered so far, in order: method and path with query. */
  requests: Array<{ method: string; path: string; body?: string }>;
  /** Set (or clear) the hold after starting (see ServeOptions.hold). */
  setHold(hold: ServeOptions['hold']): void;
  /** Replaces the handlers (when they need URLs of several servers that only exist after listening). */
  setHandlers(handlers: RequestHandler[]): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Handlers are matched against absolute URLs; `handlersFor(baseUrl)` receives the loopback base URL
 * once the port is known, so fakes written as `http.get(`${base}/api/v4/...`)` work unchanged.
 */
export async function serveFake(handlersFor: (baseUrl: string) => RequestHandler[], options: ServeOptions = {}): Promise<ServedFake> {
  let handlers: RequestHandler[] = [];
  let hold = options.hold;
  const requests: ServedFake['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const line = { method: req.method ?? 'GET', path: url.pathname + url.search };
      requests.push(body.length > 0 ? { ...line, body: body.toString('utf8') } : line);
      await hold?.({ ...line, body: body.toString('utf8') });
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value);
        else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      }
      const method = req.method ?? 'GET';
      const request = new Request(url, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
      });
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const response = await getResponse(handlers, request);
      if (!response) {
        res.writeHead(501, { 'content-type': 'text/plain' });
        res.end(`fake has no handler for ${method} ${url.pathname}`);
        return;
      }
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => (out[name] = value));
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  handlers = handlersFor(url);
  return {
    url,
    requests,
    setHold: (next) => {
      hold = next;
    },
    setHandlers: (next) => {
      handlers = next;
    },
    // Idempotent: a test may stop one API early (a source down) and the world closes it again.
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
