// The client's happy path and how it classifies answers that end a request at once.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failure, googleError, testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';

const Project = z.object({ id: z.number(), path_with_namespace: z.string() });

describe('success', () => {
  it('sends query params and default headers, parses JSON with the schema, logs one debug line', async () => {
    const seen: Array<{ search: string; accept: string | null; agent: string | null }> = [];
    server.use(
      http.get('https://gitlab.example.com/api/v4/projects/42', ({ request }) => {
        const url = new URL(request.url);
        seen.push({ search: url.search, accept: request.headers.get('accept'), agent: request.headers.get('user-agent') });
        return HttpResponse.json({ id: 42, path_with_namespace: 'gitlab-org/gitlab', extra: 'ignored' });
      }),
    );
    const { client, log, sleeps } = testClient();
    const res = await client.request({
      url: 'https://gitlab.example.com/api/v4/projects/42',
      query: { statistics: true, per_page: 100, skipped: undefined },
      schema: Project,
    });
    expect(res.data).toEqual({ id: 42, path_with_namespace: 'gitlab-org/gitlab' });
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ search: '?statistics=true&per_page=100', accept: 'application/json', agent: 'community-pulse' }]);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^debug: GET gitlab\.example\.com\/api\/v4\/projects\/42 200 \d+ms$/);
    expect(sleeps).toEqual([]);
    expect(client.stats()).toEqual({ requests: 1, retries: 0, byHost: { 'gitlab.example.com': 1 }, waitedMsByHost: {} });
  });

  it('sends JSON and form bodies with their content types', async () => {
    const bodies: Array<{ type: string | null; text: string }> = [];
    server.use(
      http.post('https://api.example.com/echo', async ({ request }) => {
        bodies.push({ type: request.headers.get('content-type'), text: await request.text() });
        return HttpResponse.json({ ok: true });
      }),
    );
    const { client } = testClient();
    const schema = z.object({ ok: z.boolean() });
    await client.request({ method: 'POST', url: 'https://api.example.com/echo', json: { site_id: 'x', metrics: ['visitors'] }, schema });
    await client.request({
      method: 'POST',
      url: 'https://api.example.com/echo',
      form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'a.b.c' },
      schema,
    });
    expect(bodies).toEqual([
      { type: 'application/json', text: '{"site_id":"x","metrics":["visitors"]}' },
      { type: 'application/x-www-form-urlencoded', text: 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c' },
    ]);
  });

  it("reads text bodies (CSV, YAML) with responseType 'text'", async () => {
    server.use(http.get('https://gitlab.example.com/api/v4/projects/1/repository/files/data.csv/raw', () => HttpResponse.text('month,value\n2026-10,12\n', { headers: { 'content-type': 'text/plain; charset=utf-8' } })));
    const { client } = testClient();
    const res = await client.request({
      url: 'https://gitlab.example.com/api/v4/projects/1/repository/files/data.csv/raw',
      responseType: 'text',
      schema: z.string(),
    });
    expect(res.data).toBe('month,value\n2026-10,12\n');
  });

  it('follows a same-origin redirect but refuses to carry credentials to another origin', async () => {
    server.use(
      http.get('https://forum.example.com/about', () => new HttpResponse(null, { status: 301, headers: { location: '/about.json' } })),
      http.get('https://forum.example.com/about.json', () => HttpResponse.json({ about: {} })),
      http.get('http://forum.example.com/about.json', () => new HttpResponse(null, { status: 301, headers: { location: 'https://forum.example.com/about.json' } })),
    );
    const { client } = testClient();
    const ok = await client.request({ url: 'https://forum.example.com/about', schema: z.object({ about: z.object({}) }) });
    expect(ok.data).toEqual({ about: {} });
    const error = await failure(client.request({ url: 'http://forum.example.com/about.json', schema: z.unknown() }));
    expect(error.code).toBe('EQUERY');
    expect(error.message).toContain('redirected (301) to https://forum.example.com');
    expect(error.fix).toContain('https://');
  });
});

describe('answers that fail at once', () => {
  it('a body of the wrong shape is EBADRESPONSE naming the fields', async () => {
    server.use(http.get('https://gitlab.example.com/api/v4/projects/42', () => HttpResponse.json({ id: '42', path_with_namespace: null })));
    const { client } = testClient();
    const error = await failure(client.request({ url: 'https://gitlab.example.com/api/v4/projects/42', schema: Project, what: 'GitLab project 42' }));
    expect(error.code).toBe('EBADRESPONSE');
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(/^GitLab project 42: unexpected answer from gitlab\.example\.com: id: .*expected number.*; path_with_namespace: .*expected string/);
    expect(error.message).not.toContain('\n');
  });

  it('a 200 that is not JSON (a login page) is EBADRESPONSE', async () => {
    server.use(http.get('https://gitlab.example.com/api/v4/groups/x', () => HttpResponse.html('<!DOCTYPE html><html><head><title>Sign in · GitLab</title></head><body>…</body></html>')));
    const { client } = testClient();
    const error = await failure(client.request({ url: 'https://gitlab.example.com/api/v4/groups/x', schema: z.unknown() }));
    expect(error.code).toBe('EBADRESPONSE');
    expect(error.message).toContain('not JSON (text/html)');
    expect(error.message).toContain('an HTML page titled "Sign in · GitLab"');
  });

  it.each([401, 403])('%i is EAUTH with the request’s hint, without retrying', async (status) => {
    let hits = 0;
    server.use(
      http.get('https://gitlab.example.com/api/v4/groups/gitlab-org/merge_requests', () => {
        hits++;
        return HttpResponse.json(status === 401 ? { message: '401 Unauthorized' } : { error: 'insufficient_scope' }, { status });
      }),
    );
    const { client, sleeps } = testClient();
    const error = await failure(
      client.request({
        url: 'https://gitlab.example.com/api/v4/groups/gitlab-org/merge_requests',
        schema: z.unknown(),
        what: 'GitLab merged MRs of gitlab-org',
        authHint: 'PULSE_GITLAB_TOKEN needs the read_api scope',
      }),
    );
    expect(error.code).toBe('EAUTH');
    expect(error.status).toBe(status);
    expect(error.host).toBe('gitlab.example.com');
    expect(error.fix).toBe('PULSE_GITLAB_TOKEN needs the read_api scope');
    expect(error.message).toContain(`GitLab merged MRs of gitlab-org: gitlab.example.com refused the credentials (${status})`);
    expect(hits).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('EAUTH without a hint says which env var to check', async () => {
    server.use(http.get('https://plausible.example.com/api/v2/query', () => HttpResponse.json({ error: 'Invalid API key' }, { status: 401 })));
    const { client } = testClient();
    const error = await failure(client.request({ url: 'https://plausible.example.com/api/v2/query', schema: z.unknown() }));
    expect(error.fix).toMatch(/token \/ API key env var/);
    expect(error.message).toContain('Invalid API key');
  });

  it('404 is ENOTFOUND naming what was asked for', async () => {
    server.use(http.get('https://forum.example.com/admin/reports/nope.json', () => HttpResponse.json({ errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' }, { status: 404 })));
    const { client } = testClient();
    const error = await failure(
      client.request({
        url: 'https://forum.example.com/admin/reports/nope.json',
        schema: z.unknown(),
        what: 'Discourse report "nope"',
        notFoundHint: 'Check the report type in goals.yml.',
      }),
    );
    expect(error.code).toBe('ENOTFOUND');
    expect(error.message).toBe('Discourse report "nope": not found (404 from forum.example.com/admin/reports/nope.json): The requested URL or resource could not be found.');
    expect(error.fix).toBe('Check the report type in goals.yml.');
  });

  it('another 4xx is EQUERY with a short excerpt of the API message (GA4 envelope)', async () => {
    let hits = 0;
    server.use(
      http.post('https://analyticsdata.googleapis.com/v1beta/properties/123:runReport', () => {
        hits++;
        return googleError(400, 'INVALID_ARGUMENT', 'Field month is not a valid dimension. For a list of valid dimensions, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema');
      }),
    );
    const { client } = testClient();
    const error = await failure(client.request({ method: 'POST', url: 'https://analyticsdata.googleapis.com/v1beta/properties/123:runReport', json: {}, schema: z.unknown(), what: 'GA4 report' }));
    expect(error.code).toBe('EQUERY');
    expect(error.message).toMatch(/^GA4 report: analyticsdata\.googleapis\.com rejected the request \(400\): Field month is not a valid dimension\./);
    expect(error.message.length).toBeLessThan(320);
    expect(hits).toBe(1);
  });

  it('GitLab validation messages (objects) are shown as JSON', async () => {
    server.use(http.post('https://gitlab.example.com/api/v4/projects/1/merge_requests', () => HttpResponse.json({ message: { source_branch: ['is invalid'] } }, { status: 400 })));
    const { client } = testClient();
    const error = await failure(client.request({ method: 'POST', url: 'https://gitlab.example.com/api/v4/projects/1/merge_requests', json: {}, schema: z.unknown() }));
    expect(error.message).toContain('(400): {"source_branch":["is invalid"]}');
  });

  it('a YouTube daily quota (403 quotaExceeded) is ETRANSIENT at once, not EAUTH', async () => {
    let hits = 0;
    server.use(
      http.get('https://www.googleapis.com/youtube/v3/channels', () => {
        hits++;
        return googleError(403, 'PERMISSION_DENIED', 'The request cannot be completed because you have exceeded your quota.', 'quotaExceeded');
      }),
    );
    const { client } = testClient();
    const error = await failure(client.request({ url: 'https://www.googleapis.com/youtube/v3/channels', schema: z.unknown() }));
    expect(error.code).toBe('ETRANSIENT');
    expect(error.message).toContain('quota is spent (403 quotaExceeded)');
    expect(hits).toBe(1);
  });
});
