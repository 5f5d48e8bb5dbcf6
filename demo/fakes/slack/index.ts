// A Slack incoming webhook as Slack's reference describes it (README.md): POST JSON to the hook's
// secret URL; `200 ok` (text/plain) when posted; errors as short text bodies with a status:
// 400 invalid_payload / invalid_blocks / no_text, 403 action_prohibited, 404 no_service (a hook
// that was removed or never existed), 410 channel_is_archived, 429 with Retry-After, 500 rollup_error.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { slackMessageSchema } from './block-kit.ts';

export type SlackFailure = 'rate_limit' | 'server_error' | 'archived' | 'prohibited';

export interface SlackFakeOptions {
  /** e.g. https://hooks.slack.com */
  url: string;
  /** Known hook paths (/services/T…/B…/secret). */
  hooks: string[];
}

export interface SlackFake {
  handlers: RequestHandler[];
  failNext(...failures: SlackFailure[]): void;
  /** Messages posted (accepted with 200 ok), in order, with the hook path. */
  posts: Array<{ hook: string; message: unknown }>;
  /** Every request, accepted or not. */
  requests: Array<{ hook: string; status: number }>;
}

const text = (status: number, body: string, headers: Record<string, string> = {}) => new HttpResponse(body, { status, headers: { 'content-type': 'text/plain', ...headers } });

export function slackFake(options: SlackFakeOptions): SlackFake {
  const queue: SlackFailure[] = [];
  const posts: SlackFake['posts'] = [];
  const requests: SlackFake['requests'] = [];
  const base = options.url.replace(/\/+$/, '');

  const hook = http.post(`${base}/services/*`, async ({ request }) => {
    const path = new URL(request.url).pathname;
    const answer = (status: number, body: string, headers?: Record<string, string>) => {
      requests.push({ hook: path, status });
      return text(status, body, headers);
    };
    if (!options.hooks.includes(path)) return answer(404, 'no_service');
    const failure = queue.shift();
    if (failure === 'rate_limit') return answer(429, 'rate_limited', { 'Retry-After': '1' });
    if (failure === 'server_error') return answer(500, 'rollup_error');
    if (failure === 'archived') return answer(410, 'channel_is_archived');
    if (failure === 'prohibited') return answer(403, 'action_prohibited');
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return answer(400, 'invalid_payload');
    }
    if (typeof body !== 'object' || body === null || (!('text' in body) && !('blocks' in body))) return answer(400, 'no_text');
    if (!slackMessageSchema.safeParse(body).success) return answer(400, 'invalid_blocks');
    posts.push({ hook: path, message: body });
    return answer(200, 'ok');
  });

  return { handlers: [hook], failNext: (...failures) => void queue.push(...failures), posts, requests };
}
