// Issue 10 item 1: an error body that echoes the token must never leak any part of it, even when
// the token straddles the point where excerpts are cut (200 characters in errors, 80 in retry logs).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '../../src/http/errors.ts';
import { z } from 'zod';
import { testClient } from '../fakes/http-fakes.ts';
import { allowLoopback, loopback, type Loopback } from './loopback.ts';

const TOKEN = 'Zq9T-glpat-7hJ3kL0pQwErTyUiOp4sDf';
let server: Loopback | undefined;

beforeEach(() => allowLoopback());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function leaks(text: string): boolean {
  return text.includes(TOKEN.slice(0, 3));
}

async function failureFor(status: number, body: string, json: boolean): Promise<{ message: string; logs: string }> {
  server = await loopback((_req, res) => {
    res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain' });
    res.end(json ? JSON.stringify({ message: body }) : body);
  });
  const t = testClient({ maxRetries: 1 });
  t.masker.add(TOKEN);
  try {
    await t.client.request({ url: `${server.url}/api`, schema: z.object({ n: z.number() }), headers: { authorization: `Bearer ${TOKEN}` } });
  } catch (error) {
    if (!isHttpError(error)) throw error;
    await server.close();
    server = undefined;
    return { message: `${error.message}\n${error.fix}`, logs: t.log.lines.join('\n') };
  }
  throw new Error('expected a failure');
}

describe('mask first, then cut', () => {
  const around = (cut: number) => Array.from({ length: TOKEN.length + 6 }, (_, i) => cut - TOKEN.length - 2 + i);

  it.each(around(200))('a 400 whose body is %i x + token never shows a piece of the token', async (n) => {
    for (const json of [true, false]) {
      const { message } = await failureFor(400, `${'x'.repeat(n)} ${TOKEN}`, json);
      expect(leaks(message), message).toBe(false);
    }
  });

  it.each(around(80))('a retried 503 whose body is %i x + token never logs a piece of the token', async (n) => {
    const { message, logs } = await failureFor(503, `${'x'.repeat(n)} ${TOKEN}`, true);
    expect(logs).toContain('retrying');
    expect(leaks(logs), logs).toBe(false);
    expect(leaks(message), message).toBe(false);
  });

  it.each(around(200))('a 200 that is not JSON (%i x + token) never shows a piece of the token', async (n) => {
    const { message } = await failureFor(200, `${'x'.repeat(n)} ${TOKEN}`, false);
    expect(leaks(message), message).toBe(false);
  });
});
