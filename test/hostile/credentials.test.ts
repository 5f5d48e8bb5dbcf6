// Issue 10 item 2: a goals edit must not be able to send CI secrets anywhere. Credential env names
// must start with the configured prefix (PULSE_ by default) and may never be CI_*, GITLAB_* or a
// well-known cloud credential; credentials travel only over https:// (or to a loopback host).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isHttpError } from '../../src/http/errors.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { allowLoopback, loopback, type Loopback } from './loopback.ts';
import { gitlabGoals, runCli, tempDir } from './spawn.ts';

let api: Loopback;
beforeAll(async () => {
  api = await loopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
});
afterAll(() => api.close());
beforeEach(() => allowLoopback());

describe('credential env names', () => {
  it.each(['CI_JOB_TOKEN', 'GITLAB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'AZURE_CLIENT_SECRET', 'PULSE_CI_JOB_TOKEN_NOT'])(
    'token_env: %s is refused by check with its position (unless it has the prefix and is not well known)',
    async (name) => {
      const result = await runCli(['check'], tempDir({ 'goals.yml': gitlabGoals('https://gitlab.example.com', name) }));
      if (name.startsWith('PULSE_')) {
        expect(result.code, result.stderr).toBe(0);
        return;
      }
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`goals\\.yml:5:\\d+: sources\\.gl\\.token_env .*${name}`));
    },
  );

  it('run never sends CI_JOB_TOKEN: exit 2 and no request', async () => {
    const before = api.requests.length;
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out'], tempDir({ 'goals.yml': gitlabGoals(api.url, 'CI_JOB_TOKEN') }), {
      CI_JOB_TOKEN: 'ci-job-token-value-123',
    });
    expect(result.code).toBe(2);
    expect(api.requests.length).toBe(before);
    expect(result.stderr).not.toContain('ci-job-token-value-123');
  });

  it('the prefix is configurable (security.credential_env_prefix) but CI_* stays refused', async () => {
    const custom = gitlabGoals('https://gitlab.example.com', 'DEVREL_GITLAB_TOKEN', 'security: { credential_env_prefix: DEVREL_ }');
    expect((await runCli(['check'], tempDir({ 'goals.yml': custom }))).code).toBe(0);
    const ci = gitlabGoals('https://gitlab.example.com', 'CI_JOB_TOKEN', 'security: { credential_env_prefix: "" }');
    expect((await runCli(['check'], tempDir({ 'goals.yml': ci }))).code).toBe(2);
  });
});

describe('credentials only over https', () => {
  it('check refuses a credentialed source on http:// to a non-loopback host', async () => {
    const result = await runCli(['check'], tempDir({ 'goals.yml': gitlabGoals('http://gitlab.example.com', 'PULSE_GITLAB_TOKEN') }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/goals\.yml:5:\d+: sources\.gl\.url .*https:\/\//);
  });

  it('check allows http:// to loopback hosts (local fakes and proxies)', async () => {
    for (const host of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://[::1]:8080']) {
      const result = await runCli(['check'], tempDir({ 'goals.yml': gitlabGoals(host, 'PULSE_GITLAB_TOKEN') }));
      expect(result.code, `${host}: ${result.stderr}`).toBe(0);
    }
  });

  it('the client refuses to send a registered secret over plain http to another host', async () => {
    const t = testClient({ fetch: async () => new Response('[]', { headers: { 'content-type': 'application/json' } }) });
    t.masker.add('pulse-secret-value-1');
    const error = await t.client.request({ url: 'http://api.example.com/x', headers: { authorization: 'Bearer pulse-secret-value-1' }, schema: z.array(z.unknown()) }).catch((e: unknown) => e);
    expect(isHttpError(error) && error.message).toMatch(/only over https/);
    // A loopback host over http is fine (tests, local proxies).
    const ok = await t.client.request({ url: `${api.url}/x`, headers: { authorization: 'Bearer pulse-secret-value-1' }, schema: z.array(z.unknown()) });
    expect(ok.status).toBe(200);
  });
});
