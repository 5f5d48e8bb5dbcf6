// Discord's HTTP API v10 `GET /guilds/{guild.id}` as its reference describes it (README.md): the
// approximate counts only with `with_counts=true`, `Authorization: Bot <token>`, JSON error bodies
// `{message, code}`, X-RateLimit-* headers on every answer and a 429 with Retry-After and
// `{message, retry_after, global}`.
import { http, HttpResponse, type RequestHandler } from 'msw';

export interface DiscordGuild {
  id: string;
  name: string;
  members: number;
  online: number;
}

export type DiscordFailure = 'rate_limit' | 'global_rate_limit' | 'server_error' | 'missing_counts' | 'not_json';

export interface DiscordFakeOptions {
  /** API base, e.g. https://discord.com */
  url: string;
  /** Bot tokens and the guild ids each bot is a member of. */
  bots: Record<string, string[]>;
  guilds: DiscordGuild[];
}

export interface DiscordFake {
  handlers: RequestHandler[];
  failNext(...failures: DiscordFailure[]): void;
  /** Every request's path with query, and the Authorization header it carried. */
  requests: Array<{ path: string; authorization: string | null }>;
}

const rateHeaders = (remaining: number) => ({
  'X-RateLimit-Limit': '5',
  'X-RateLimit-Remaining': String(remaining),
  'X-RateLimit-Reset': '1470173023.123',
  'X-RateLimit-Reset-After': '1',
  'X-RateLimit-Bucket': 'fake-guild-bucket',
});

const jsonError = (status: number, message: string, code: number) => HttpResponse.json({ message, code }, { status, headers: rateHeaders(4) });

export function discordFake(options: DiscordFakeOptions): DiscordFake {
  const queue: DiscordFailure[] = [];
  const requests: DiscordFake['requests'] = [];
  const base = options.url.replace(/\/+$/, '');

  const guild = http.get(`${base}/api/v10/guilds/:id`, ({ request, params }) => {
    const url = new URL(request.url);
    const authorization = request.headers.get('authorization');
    requests.push({ path: url.pathname + url.search, authorization });
    const failure = queue.shift();
    if (failure === 'rate_limit') {
      return HttpResponse.json({ message: 'You are being rate limited.', retry_after: 0.5, global: false }, { status: 429, headers: { 'Retry-After': '1', ...rateHeaders(0), 'X-RateLimit-Scope': 'user' } });
    }
    if (failure === 'global_rate_limit') {
      return HttpResponse.json({ message: 'You are being rate limited.', retry_after: 0.5, global: true }, { status: 429, headers: { 'Retry-After': '1', 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' } });
    }
    if (failure === 'server_error') return new HttpResponse('upstream connect error', { status: 502, headers: { 'content-type': 'text/plain' } });
    if (failure === 'not_json') return new HttpResponse('<html><title>Cloudflare</title></html>', { status: 200, headers: { 'content-type': 'text/html' } });

    const token = authorization?.startsWith('Bot ') ? authorization.slice(4) : undefined;
    const memberOf = token === undefined ? undefined : options.bots[token];
    if (!memberOf) return jsonError(401, '401: Unauthorized', 0);
    const id = String(params.id);
    const found = options.guilds.find((g) => g.id === id);
    if (!found) return jsonError(404, 'Unknown Guild', 10004);
    if (!memberOf.includes(id)) return jsonError(403, 'Missing Access', 50001);
    const withCounts = url.searchParams.get('with_counts') === 'true' && failure !== 'missing_counts';
    return HttpResponse.json(
      {
        id: found.id,
        name: found.name,
        icon: null,
        owner_id: '80351110224678912',
        features: [],
        ...(withCounts ? { approximate_member_count: found.members, approximate_presence_count: found.online } : {}),
      },
      { headers: rateHeaders(4) },
    );
  });

  return {
    handlers: [guild],
    failNext: (...failures) => void queue.push(...failures),
    requests,
  };
}
