// The publishing checks of the verify step, against the fake handbook and a real SMTP server:
// every problem at once, each with a fix, and never a secret in the text.
import { afterEach, describe, expect, it } from 'vitest';
import { HandbookHistory } from '../../src/publish/handbook/history.ts';
import { publishTargets } from '../../src/publish/targets.ts';
import { verifyPublishing } from '../../src/publish/verify.ts';
import { closedPort } from '@community-pulse/demo/fakes/smtp/index';
import { testClient } from '../fakes/http-fakes.ts';
import { DATA_DIR, GITLAB, handbookHarness, type Harness, PROJECT, SMTP_PASSWORD, TOKEN } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function verify(hh: Harness, env: Record<string, string> = hh.env) {
  const { client, masker } = testClient();
  const problems = await verifyPublishing(publishTargets({ handbook: hh.handbook, email: hh.email }, env, client, masker), env);
  const text = problems.map((p) => `${p.code} ${p.message} | ${p.fix}`);
  for (const line of text) {
    expect(masker.mask(line)).toBe(line);
    for (const secret of [TOKEN, SMTP_PASSWORD]) expect(line).not.toContain(secret);
  }
  return text;
}

describe('verify: publishing', () => {
  it('passes with a Maintainer api token, an existing branch and a working SMTP login', async () => {
    h = await handbookHarness();
    expect(await verify(h)).toEqual([]);
  });

  it('reports a token without the api scope', async () => {
    h = await handbookHarness({ token: { scopes: ['read_api'] } });
    expect(await verify(h)).toEqual([expect.stringMatching(/^EVERIFY PULSE_HANDBOOK_TOKEN has the scopes read_api, but committing to the handbook needs api \| Create a project access token/)]);
  });

  it('reports a Reporter role', async () => {
    h = await handbookHarness({ token: { accessLevel: 20 } });
    expect(await verify(h)).toEqual([expect.stringMatching(/^EVERIFY the token's user has the Reporter role in gitlab-com\/content-sites\/handbook; committing needs Developer or Maintainer/)]);
  });

  it('reports a protected branch a Developer cannot push to, suggesting mode: merge_request; merge_request mode passes', async () => {
    h = await handbookHarness({ token: { accessLevel: 30 }, protectedMain: true });
    expect(await verify(h)).toEqual([expect.stringMatching(/^EVERIFY main is a protected branch .* may not push to it \| Set publish.handbook.mode: merge_request in goals.yml/)]);
    h.handbook.mode = 'merge_request';
    expect(await verify(h)).toEqual([]);
  });

  it('reports a missing branch, a wrong SMTP password and an unreachable SMTP server, all at once', async () => {
    h = await handbookHarness({ handbook: { branch: 'production' } });
    const wrong = { ...h.env, PULSE_SMTP_PASSWORD: 'not-the-password-9' };
    expect(await verify(h, wrong)).toEqual([
      expect.stringMatching(/^EVERIFY branch production does not exist in gitlab-com\/content-sites\/handbook/),
      expect.stringMatching(/^EVERIFY SMTP 127\.0\.0\.1:\d+: EAUTH .*535.* \| The SMTP server refused the login/),
    ]);
    h.email.smtp!.port = await closedPort();
    expect(await verify(h)).toEqual([expect.stringMatching(/^EVERIFY branch production/), expect.stringMatching(/^EVERIFY SMTP 127\.0\.0\.1:\d+: ESOCKET .*ECONNREFUSED.* \| Check publish.email.smtp host, port/)]);
  });

  it('reports unset credential variables and refuses CI_JOB_TOKEN, saying why', async () => {
    h = await handbookHarness();
    expect(await verify(h, {})).toEqual([expect.stringMatching(/^EENV PULSE_HANDBOOK_TOKEN is not set/), expect.stringMatching(/^EENV PULSE_SMTP_USERNAME is not set/), expect.stringMatching(/^EENV PULSE_SMTP_PASSWORD is not set/)]);
    expect(await verify(h, { ...h.env, CI_JOB_TOKEN: TOKEN })).toEqual([expect.stringMatching(/^EVERIFY PULSE_HANDBOOK_TOKEN holds the CI job token, which cannot commit to another project or open merge requests \| Use a project access token/)]);
  });

  it('reports an invalid token once, without checking further', async () => {
    h = await handbookHarness();
    expect(await verify(h, { ...h.env, PULSE_HANDBOOK_TOKEN: 'glpat-Wrong-Token-000000' })).toEqual([expect.stringMatching(/^EVERIFY PULSE_HANDBOOK_TOKEN was not accepted by https:\/\/gitlab\.handbook\.test: .*401/)]);
  });
});

describe('mode: merge_request', () => {
  it('commits to community-pulse/YYYY-MM from the target branch, opens one MR, and reads history from open MR branches', async () => {
    h = await handbookHarness({ handbook: { mode: 'merge_request' }, protectedMain: true, token: { accessLevel: 30 } });
    const first = await h.publish('2026-10', 182);
    expect(first.outcome.failures).toEqual([]);
    expect(h.mainFile(`${DATA_DIR}/2026-10.json`)).toBeUndefined();
    expect(h.mainFile(`${DATA_DIR}/2026-10.json`, 'community-pulse/2026-10')).toContain('"state": "sent"');
    expect(h.fake.mergeRequests).toMatchObject([{ iid: 1, sourceBranch: 'community-pulse/2026-10', targetBranch: 'main', title: 'DevRel KPIs: 2026-10' }]);
    expect(first.log).toContain(`handbook: opened merge request !1: ${GITLAB}/${PROJECT}/-/merge_requests/1`);

    const again = await h.publish('2026-10', 182);
    expect(again.outcome.failures).toEqual([]);
    expect(h.fake.mergeRequests).toHaveLength(1);
    expect(h.smtp.messages).toHaveLength(1);
    expect(again.log).toContain(`handbook: merge request !1 is up to date: ${GITLAB}/${PROJECT}/-/merge_requests/1`);

    const { client, log } = testClient();
    const targets = publishTargets({ handbook: h.handbook }, h.env, client, testClient().masker);
    const history = new HandbookHistory({ http: client, api: targets.handbook!.api, url: GITLAB, project: PROJECT, branch: 'main', dataDir: DATA_DIR, token: TOKEN, tokenEnv: 'PULSE_HANDBOOK_TOKEN', log });
    expect([...(await history.readAll()).keys()]).toEqual(['2026-10']);
    expect(log.lines).toContain('history: 2026-10 from the open merge request branch community-pulse/2026-10');
  });

  it('updates the open MR when GitLab answers 409 for a duplicate', async () => {
    h = await handbookHarness({ handbook: { mode: 'merge_request' } });
    await h.publish('2026-10', 182);
    // Another run's MR list is stale: the first list call answers nothing, the create gets 409.
    const hh = h;
    const { http, HttpResponse } = await import('msw');
    const { server } = await import('../msw-server.ts');
    let hidden = true;
    server.use(
      http.get(`${GITLAB}/api/v4/projects/:id/merge_requests`, () => {
        if (!hidden) return undefined;
        hidden = false;
        return HttpResponse.json([]);
      }),
    );
    const { outcome } = await hh.publish('2026-10', 183);
    expect(outcome.failures).toEqual([]);
    expect(outcome.mergeRequest?.iid).toBe(1);
    expect(hh.fake.mergeRequests).toHaveLength(1);
    expect(hh.fake.requests.filter((r) => r.api === 'merge-requests' && r.method === 'POST')).toHaveLength(2);
  });
});
