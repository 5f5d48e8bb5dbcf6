import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { jsonSource } from '../../../src/sources/json/index.ts';
import { jsonApiFake } from '@community-pulse/demo/fakes/json-api/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, OCTOBER } from '../discourse/harness.ts';

const URL_ = 'https://stats.example.com';
const KEY = 'sk_live_SECRET_4f9Qz7LmN2vR8tY3wX6c';
const MONTHS = { '2026-09': { signups: 30, active: 300, rate: 0.5 }, '2026-10': { signups: 42, active: 420, rate: 1.25 } };

function setup(config: Record<string, unknown> = {}, env: Record<string, string> = { PULSE_STATS_KEY: KEY }, hostile?: string) {
  const fake = jsonApiFake({ url: URL_, header: 'X-Api-Key', prefix: 'Key ', key: KEY, months: MONTHS, ...(hostile ? { hostile } : {}) });
  server.use(...fake.handlers);
  const h = harness(env);
  const full = { type: 'json', url: `${URL_}/v1/stats?from={{start}}&to={{end}}`, credential_env: 'PULSE_STATS_KEY', credential_header: 'X-Api-Key', credential_prefix: 'Key ', ...config };
  const collector = jsonSource.createCollector(h.ctx, 'stats', full);
  const collect = (query: Record<string, unknown>, period = OCTOBER) => collector.collect({ id: 'm', query }, period);
  return { fake, collect, full, ...h };
}

describe('json source', () => {
  it('GETs the month with its dates filled in and the key in its header, and picks the number', async () => {
    const { collect, fake } = setup();
    expect(await collect({ kind: 'count', select: '$.data.signups' })).toEqual({ value: 42, status: 'ok' });
    expect(await collect({ kind: 'level', select: '$.data["active users"]' })).toEqual({ value: 420, status: 'ok' });
    expect(await collect({ kind: 'value', select: '$.data.rates[0].value' })).toEqual({ value: 1.25, status: 'ok' });
    // One request for the month, shared by the three metrics.
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/stats?from=2026-10-01&to=2026-10-31', headers: { 'x-api-key': `Key ${KEY}` } });
  });

  it('POSTs a body with the dates filled into its string values', async () => {
    const { collect, fake } = setup({ url: `${URL_}/v1/query`, method: 'POST', body: { range: { from: '{{start}}', to: '{{end}}' }, metrics: ['signups'] } });
    expect(await collect({ kind: 'count', select: '$.data.signups' }, periodOf({ year: 2026, month: 9 }))).toEqual({ value: 30, status: 'ok' });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', body: { range: { from: '2026-09-01', to: '2026-09-30' }, metrics: ['signups'] } });
  });

  it('a path that finds nothing fails with the path and what is there', async () => {
    const { collect } = setup();
    const error = await failure(collect({ kind: 'count', select: '$.data.signup' }));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    expect(error.message).toBe('source stats: select $.data.signup: $.data has no member "signup" (its members: "signups", "active users", "rates")');
  });

  it.each([
    ['string_number', 'found the string "42", which is not a number'],
    ['negative', 'found -42, which is negative'],
    ['overflow', 'found Infinity, which is not finite'],
  ] as const)('%s: the selected value must be a finite, non-negative number', async (mode, message) => {
    const { collect, fake } = setup();
    fake.failNext(mode);
    const error = await failure(collect({ kind: 'count', select: '$.data.signups' }));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    expect(error.message).toContain(message);
  });

  it('an answer that is not JSON, or longer than the cap, is EBADRESPONSE', async () => {
    const html = setup();
    html.fake.failNext('html');
    await expect(html.collect({ kind: 'count', select: '$.data.signups' })).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    const huge = setup();
    huge.fake.failNext('huge');
    const error = await failure(huge.collect({ kind: 'count', select: '$.data.signups' }));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    expect(error.message).toMatch(/1048576|1 MB|MB/);
  });

  it('a wrong key is EAUTH naming the header, and the key is never shown', async () => {
    const { collect, log } = setup({}, { PULSE_STATS_KEY: 'sk_live_WRONG_0000000000000000000000' });
    const error = await failure(collect({ kind: 'count', select: '$.data.signups' }));
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
    expect(error.fix).toContain('X-Api-Key');
    expect(everythingShown(error, log.lines)).not.toContain('WRONG_0000');
  });

  it('waits Retry-After on 429 and retries 503', async () => {
    const { collect, fake, http } = setup();
    fake.failNext('rate_limit', 'server_error');
    expect(await collect({ kind: 'count', select: '$.data.signups' })).toMatchObject({ value: 42 });
    expect(http.stats().retries).toBe(2);
    expect(http.stats().waitedMsByHost['stats.example.com']).toBeGreaterThanOrEqual(2000);
  });

  it('hostile member names and values in the answer are cut in errors and never followed', async () => {
    const hostile = `<script>alert(1)</script>${'A'.repeat(500)}`;
    const { collect } = setup({}, undefined, hostile);
    const error = await failure(collect({ kind: 'count', select: '$.missing' }));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).not.toContain('A'.repeat(100));
  });

  it('a public API needs no credential: no header is sent', async () => {
    const { ctx } = setup();
    const fake = jsonApiFake({ url: 'https://open.example.org', header: 'Authorization', prefix: '', key: '', months: MONTHS });
    server.use(...fake.handlers);
    const collector = jsonSource.createCollector(ctx, 'open', { type: 'json', url: 'https://open.example.org/v1/stats?from={{start}}&to={{end}}' });
    // The fake wants an empty Authorization header; without one it answers 401.
    await expect(collector.collect({ id: 'm', query: { kind: 'count', select: '$.data.signups' } }, OCTOBER)).rejects.toMatchObject({ code: 'EAUTH' });
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('verify asks for the latest month and checks every path', async () => {
    const { ctx, full, fake } = setup();
    await jsonSource.verify?.(ctx, 'stats', full, [{ kind: 'count', select: '$.data.signups' }]);
    expect(fake.requests[0]?.path).toBe('/v1/stats?from=2026-10-01&to=2026-10-31');
    await expect(jsonSource.verify?.(ctx, 'stats', full, [{ kind: 'count', select: '$.nope' }])).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });
});

describe('json source configuration', () => {
  const parse = (config: Record<string, unknown>) => jsonSource.configSchema.safeParse({ type: 'json', ...config });
  const messages = (config: Record<string, unknown>) => {
    const result = parse(config);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts https, and http only to loopback', () => {
    expect(parse({ url: 'https://api.example.com/x?from={{start}}' }).success).toBe(true);
    expect(parse({ url: 'http://127.0.0.1:8080/x' }).success).toBe(true);
    expect(messages({ url: 'http://api.example.com/x' }).join()).toContain('must be an https:// URL');
    expect(messages({ url: 'ftp://api.example.com/x' }).join()).toContain('must be an https:// URL');
    expect(messages({ url: 'https://user:pw@api.example.com/x' }).join()).toContain('must not hold a user name or password');
  });

  it('refuses templates in the host or path, a body without POST, reserved headers', () => {
    expect(messages({ url: 'https://{{month}}.evil.example/x' }).join()).toContain('never in the host or path');
    expect(messages({ url: 'https://api.example.com/{{month}}' }).join()).toContain('never in the host or path');
    expect(messages({ url: 'https://api.example.com/x', body: { a: 1 } })).toEqual(['body: is only sent with method: POST']);
    expect(messages({ url: 'https://api.example.com/x', credential_env: 'PULSE_X', credential_header: 'Host' }).join()).toContain('sets itself');
    expect(messages({ url: 'https://api.example.com/x', credential_header: 'X-Key\r\nEvil: 1' }).join()).toContain('HTTP header name');
    expect(messages({ url: 'https://api.example.com/x', credential_prefix: 'Bearer ' })).toEqual(['credential_prefix: needs credential_env']);
  });

  it('refuses a path expression that does not parse, at check time', () => {
    expect(jsonSource.querySchema.safeParse({ kind: 'count', select: '$.a[*]' }).success).toBe(false);
    expect(jsonSource.querySchema.safeParse({ kind: 'count', select: '$.a[0]' }).success).toBe(true);
  });
});
