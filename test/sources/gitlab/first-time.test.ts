// first_time_contributors: people whose FIRST merged community MR in the group(s) is in the period.
// Expected sets are hand counts of the history written below.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { createHttpClient } from '../../../src/http/client.ts';
import { memoryLogger } from '../../../src/log.ts';
import { SecretMasker } from '../../../src/secrets.ts';
import { createGitlabCollector } from '../../../src/sources/gitlab/collector.ts';
import { gitlabQuerySchema } from '../../../src/sources/gitlab/config.ts';
import { BASE, COMMUNITY, DataBuilder, harness, NOW, rejection, TOKEN } from './harness.ts';

const NOV = periodOf({ year: 2026, month: 11 }, 'UTC');

function history(): DataBuilder {
  const d = new DataBuilder();
  d.user('hostile', 'Eve `|` <i>x</i>');
  // November 2026: the period.
  d.mr('gitlab-org/gitlab', 'alice', '2026-11-02T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'bob', '2026-11-03T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'bob', '2026-11-04T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'carol', '2026-11-05T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'dave', '2026-11-06T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'erin', '2026-11-01T00:00:00.000Z'); // exactly period.start
  d.mr('gitlab-org/gitlab', 'frank', '2026-11-07T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'grace', '2026-11-08T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'heidi', '2026-11-09T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'hostile', '2026-11-10T00:00:00Z');
  d.mr('gitlab-org/gitlab', 'newbie-bot', '2026-11-11T00:00:00Z'); // a bot is never a first-time contributor
  // Their history before November.
  d.mr('gitlab-org/gitlab', 'alice', '2026-10-15T00:00:00Z'); // alice: returning
  d.mr('gitlab-org/gitlab', 'carol', '2025-05-01T00:00:00Z', { labels: ['type::bug'] }); // carol: earlier MR was not a community MR → first
  d.mr('gitlab-com/www', 'dave', '2026-03-01T00:00:00Z'); // dave: earlier community MR in ANOTHER group → first in gitlab-org only
  d.mr('gitlab-org/gitlab', 'frank', '2026-10-31T23:59:59.999Z'); // frank: one millisecond before the start → returning
  d.mr('gitlab-org/sub/tool', 'grace', '2026-08-01T00:00:00Z'); // grace: earlier MR in a subgroup → returning
  d.mr('gitlab-org/gitlab', 'heidi', '', { state: 'opened' }); // heidi: earlier MR never merged → first
  d.mr('gitlab-org/gitlab', 'erin', '2026-11-20T00:00:00Z'); // erin: later MR in the period does not matter
  return d;
}

describe('gitlab source: first-time contributors', () => {
  it('finds the authors with no earlier merged community MR in the group', async () => {
    const h = harness(history().build());
    const first = await h.collect({ kind: 'first_time_contributors', group: 'gitlab-org' }, NOV);
    // first: bob (2 MRs), carol, dave, erin (2 MRs, one at exactly period.start), heidi, hostile
    // returning: alice, frank, grace
    expect(first.value).toBe(6);
    expect(first.contributors?.map((c) => [c.username, c.count, c.firstTime])).toEqual([
      ['bob', 2, true],
      ['erin', 2, true],
      ['carol', 1, true],
      ['dave', 1, true],
      ['heidi', 1, true],
      ['hostile', 1, true],
    ]);
    expect(first.contributors?.find((c) => c.username === 'hostile')?.name).toBe('Eve `|` <i>x</i>');
  });

  it('looks at every configured group: an earlier MR in any of them makes a returning author', async () => {
    const h = harness(history().build());
    const first = await h.collect({ kind: 'first_time_contributors', groups: ['gitlab-org', 'gitlab-com'] }, NOV);
    expect(first.contributors?.map((c) => c.username)).toEqual(['bob', 'erin', 'carol', 'heidi', 'hostile']);
  });

  it('honours exclude_users and shares the window fetch with the other kinds', async () => {
    const h = harness(history().build());
    const [first, authors] = await Promise.all([h.collect({ kind: 'first_time_contributors', group: 'gitlab-org', exclude_users: ['bob'] }, NOV), h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, NOV)]);
    expect(first.value).toBe(5);
    expect(authors.value).toBe(9); // everyone but newbie-bot
    expect(h.windowRequests()).toHaveLength(1);
    // 8 people to look up (bob excluded), 20 pairs a request: one history request.
    expect(h.fake.requests.filter((r) => r.query?.includes('PulseFirstTimeHistory'))).toHaveLength(1);
  });

  it('gives the same answer with small batches: ceil(9 / 4) = 3 history requests', async () => {
    const d = history();
    const h = harness(d.build());
    const masker = new SecretMasker();
    const log = memoryLogger();
    const collector = createGitlabCollector(
      { http: createHttpClient({ masker, log, sleep: async () => {}, now: () => NOW.getTime() }), log, now: () => NOW, secret: () => TOKEN },
      'gitlab',
      { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' },
      { historyBatch: 4 },
    );
    const query = gitlabQuerySchema.parse({ kind: 'first_time_contributors', group: 'gitlab-org', labels: [COMMUNITY] });
    const first = await collector.collect({ id: 'm', query }, NOV);
    expect(first.value).toBe(6);
    expect(h.fake.requests.filter((r) => r.query?.includes('PulseFirstTimeHistory'))).toHaveLength(3);
  });

  it('fails the metric when a history request fails, without poisoning a later try', async () => {
    const h = harness(history().build());
    await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, NOV); // request 0: the window
    h.fake.failAt(1, { kind: 'graphql-errors', messages: ['Query has complexity of 300, which exceeds max complexity of 250'] });
    const error = await rejection(h.collect({ kind: 'first_time_contributors', group: 'gitlab-org' }, NOV));
    expect(error.code).toBe('EQUERY');
    expect(error.message).toContain('exceeds max complexity');
    const again = await h.collect({ kind: 'first_time_contributors', group: 'gitlab-org' }, NOV);
    expect(again.value).toBe(6);
  });
});
