// Every expected number here is a HAND count of the data set written next to it.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { COMMUNITY, DataBuilder, harness } from './harness.ts';

const OCT = periodOf({ year: 2026, month: 10 }, 'UTC');
const HOSTILE = 'Mallory | <b>bold</b> {{< shortcode >}} `rm -rf` ${x}';

/** October 2026: 7 human community MRs by 6 people, and everything that must NOT count. */
function october(): DataBuilder {
  const d = new DataBuilder();
  d.user('alice', 'Alice Example');
  d.user('renovate', 'Renovate', true);
  d.user('mallory', HOSTILE);
  d.mr('gitlab-org/gitlab', 'alice', '2026-10-03T10:00:00Z'); // ✓ alice 1
  d.mr('gitlab-org/gitlab', 'alice', '2026-10-20T10:00:00Z'); // ✓ alice 2 (repeat author)
  d.mr('gitlab-org/sub/tool', 'bob', '2026-10-04T10:00:00Z'); // ✓ subgroup
  d.mr('gitlab-org/sub/deep/x', 'carol', '2026-10-05T10:00:00Z'); // ✓ sub-subgroup
  d.mr('gitlab-org/gitlab', 'abbott', '2026-10-06T10:00:00Z'); // ✓ a person whose name contains "bot"
  d.mr('gitlab-org/gitlab', 'erin', '2026-10-07T10:00:00Z', { labels: [COMMUNITY, 'type::bug'] }); // ✓ extra labels are fine
  d.mr('gitlab-org/gitlab', 'mallory', '2026-10-08T10:00:00Z'); // ✓ hostile display name
  // Bots: by flag, and by username pattern with the flag off.
  d.mr('gitlab-org/gitlab', 'renovate', '2026-10-09T10:00:00Z'); // ✗ bot flag
  d.mr('gitlab-org/gitlab', 'project_278964_bot_3d9e8c1f2a', '2026-10-09T11:00:00Z'); // ✗ project access token
  d.mr('gitlab-org/gitlab', 'group_9970_bot_ab12cd', '2026-10-09T12:00:00Z'); // ✗ group access token
  d.mr('gitlab-org/gitlab', 'service_account_group_9970_8f2e', '2026-10-09T13:00:00Z'); // ✗ service account
  d.mr('gitlab-org/gitlab', 'gitlab-bot', '2026-10-09T14:00:00Z'); // ✗ *-bot
  d.mr('gitlab-org/gitlab', 'dave_bot', '2026-10-09T15:00:00Z'); // ✗ *_bot
  // Not community, not merged, not in the group.
  d.mr('gitlab-org/gitlab', 'frank', '2026-10-10T10:00:00Z', { labels: ['type::bug'] }); // ✗ no community label
  d.mr('gitlab-org/gitlab', 'grace', '', { state: 'opened' }); // ✗ open
  d.mr('gitlab-org/gitlab', 'heidi', '', { state: 'closed' }); // ✗ closed
  d.mr('other/project', 'ivan', '2026-10-11T10:00:00Z'); // ✗ another group
  d.mr('gitlab-orgx/project', 'judy', '2026-10-11T11:00:00Z'); // ✗ a group whose path merely starts with "gitlab-org"
  // Neighbouring months.
  d.mr('gitlab-org/gitlab', 'kim', '2026-09-15T10:00:00Z'); // ✗ September
  d.mr('gitlab-org/gitlab', 'leo', '2026-11-15T10:00:00Z'); // ✗ November
  return d;
}

describe('gitlab source: hand counts', () => {
  it('counts distinct human authors and their MRs, with subgroups, bots excluded', async () => {
    const h = harness(october().build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, OCT);
    const mrs = await h.collect({ kind: 'merged_mrs', group: 'gitlab-org' }, OCT);
    expect(authors.value).toBe(6);
    expect(mrs.value).toBe(7);
    expect(authors.contributors?.map((c) => [c.username, c.count])).toEqual([
      ['alice', 2],
      ['abbott', 1],
      ['bob', 1],
      ['carol', 1],
      ['erin', 1],
      ['mallory', 1],
    ]);
    expect(authors.contributors?.[0]).toEqual({ username: 'alice', name: 'Alice Example', count: 2, webUrl: 'https://gitlab.example.com/alice' });
  });

  it('keeps hostile display names verbatim in the detail', async () => {
    const h = harness(october().build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, OCT);
    expect(authors.contributors?.find((c) => c.username === 'mallory')?.name).toBe(HOSTILE);
  });

  it('shares one fetch between the metrics of the same window', async () => {
    const h = harness(october().build());
    await Promise.all([
      h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, OCT),
      h.collect({ kind: 'merged_mrs', group: 'gitlab-org', exclude_users: ['alice'] }, OCT),
      h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org', labels: [COMMUNITY] }, OCT),
    ]);
    expect(h.windowRequests()).toHaveLength(1);
  });

  it('asks GitLab with includeSubgroups, the labels, and an exclusive upper bound', async () => {
    const h = harness(october().build());
    await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, OCT);
    const [request] = h.windowRequests();
    expect(request?.query).toContain('includeSubgroups: true');
    expect(request?.variables).toMatchObject({
      group: 'gitlab-org',
      labels: [COMMUNITY],
      after: '2026-10-01T00:00:00.000Z',
      before: '2026-10-31T23:59:59.999999Z',
      first: 100,
    });
  });

  it('requires every configured label', async () => {
    const h = harness(october().build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org', labels: [COMMUNITY, 'type::bug'] }, OCT);
    expect(authors.contributors?.map((c) => c.username)).toEqual(['erin']);
  });

  it('leaves out exclude_users, case-insensitively and with or without @', async () => {
    const h = harness(october().build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org', exclude_users: ['ALICE', '@bob'] }, OCT);
    const mrs = await h.collect({ kind: 'merged_mrs', group: 'gitlab-org', exclude_users: ['ALICE', '@bob'] }, OCT);
    expect(authors.value).toBe(4); // abbott, carol, erin, mallory
    expect(mrs.value).toBe(4);
  });

  it('answers 0 with an empty list for a group without community MRs', async () => {
    const h = harness(october().build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-com' }, OCT);
    expect(authors).toEqual({ value: 0, status: 'ok', contributors: [] });
  });
});

describe('gitlab source: month boundaries', () => {
  it('counts 00:00:00.000 on the 1st in and the next 1st out (UTC)', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'first_instant', '2026-10-01T00:00:00.000Z'); // ✓
    d.mr('gitlab-org/gitlab', 'last_ms_before', '2026-09-30T23:59:59.999Z'); // ✗
    d.mr('gitlab-org/gitlab', 'last_ms_in', '2026-10-31T23:59:59.999Z'); // ✓
    d.mr('gitlab-org/gitlab', 'next_first', '2026-11-01T00:00:00.000Z'); // ✗
    const h = harness(d.build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, OCT);
    expect(authors.contributors?.map((c) => c.username)).toEqual(['first_instant', 'last_ms_in']);
  });

  it('uses the report time zone: November in America/Los_Angeles', async () => {
    const nov = periodOf({ year: 2026, month: 11 }, 'America/Los_Angeles');
    // Midnight PDT on Nov 1 (DST ends later that night) and midnight PST on Dec 1.
    expect(nov.start.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(nov.end.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'la_first_instant', '2026-11-01T07:00:00.000Z'); // ✓ 00:00 Nov 1 in LA
    d.mr('gitlab-org/gitlab', 'la_oct_31', '2026-11-01T06:59:59.999Z'); // ✗ 23:59 Oct 31 in LA
    d.mr('gitlab-org/gitlab', 'utc_midnight', '2026-11-01T00:00:00.000Z'); // ✗ Oct 31, 17:00 in LA
    d.mr('gitlab-org/gitlab', 'la_nov_30', '2026-12-01T00:30:00.000Z'); // ✓ Nov 30, 16:30 in LA
    d.mr('gitlab-org/gitlab', 'la_last_second', '2026-12-01T07:59:59.000Z'); // ✓ 23:59:59 Nov 30 in LA
    d.mr('gitlab-org/gitlab', 'la_dec_1', '2026-12-01T08:00:00.000Z'); // ✗ 00:00 Dec 1 in LA
    const h = harness(d.build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, nov);
    expect(authors.contributors?.map((c) => c.username)).toEqual(['la_first_instant', 'la_last_second', 'la_nov_30']);
  });

  it('fetches a backfill of months concurrently, one window each, each month counted apart', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'alice', '2026-08-10T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'alice', '2026-09-10T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'bob', '2026-09-11T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'carol', '2026-10-12T00:00:00Z');
    const h = harness(d.build());
    const months = [8, 9, 10].map((month) => periodOf({ year: 2026, month }, 'UTC'));
    const values = await Promise.all(months.map((p) => h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, p)));
    expect(values.map((v) => v.value)).toEqual([1, 2, 1]);
    expect(h.windowRequests()).toHaveLength(3);
  });
});

describe('gitlab source: several groups', () => {
  it('sums groups without counting an author twice', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'alice', '2026-10-03T00:00:00Z');
    d.mr('gitlab-com/www', 'alice', '2026-10-04T00:00:00Z'); // same person, other group
    d.mr('gitlab-com/www', 'bob', '2026-10-05T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'carol', '2026-10-06T00:00:00Z');
    const h = harness(d.build());
    const authors = await h.collect({ kind: 'merged_mr_authors', groups: ['gitlab-org', 'gitlab-com'] }, OCT);
    const mrs = await h.collect({ kind: 'merged_mrs', groups: ['gitlab-org', 'gitlab-com'] }, OCT);
    expect(authors.value).toBe(3);
    expect(authors.contributors?.map((c) => [c.username, c.count])).toEqual([
      ['alice', 2],
      ['bob', 1],
      ['carol', 1],
    ]);
    expect(mrs.value).toBe(4);
  });

  it('counts an MR seen through two overlapping groups once', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/sub/tool', 'alice', '2026-10-03T00:00:00Z'); // in both gitlab-org and gitlab-org/sub
    d.mr('gitlab-org/gitlab', 'bob', '2026-10-04T00:00:00Z');
    const h = harness(d.build());
    const mrs = await h.collect({ kind: 'merged_mrs', groups: ['gitlab-org/sub', 'gitlab-org'] }, OCT);
    const authors = await h.collect({ kind: 'merged_mr_authors', groups: ['gitlab-org', 'gitlab-org/sub'] }, OCT);
    expect(mrs.value).toBe(2);
    expect(authors.contributors?.map((c) => [c.username, c.count])).toEqual([
      ['alice', 1],
      ['bob', 1],
    ]);
    // Group order does not matter: both queries shared one window (one request per group).
    expect(h.windowRequests()).toHaveLength(2);
  });
});

describe('gitlab source: pagination', () => {
  it('reads every page: 250 MRs by 130 people in 3 requests', async () => {
    const d = new DataBuilder();
    for (let i = 0; i < 250; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      d.mr('gitlab-org/gitlab', `person${i % 130}`, `2026-10-${day}T12:00:00Z`);
    }
    const h = harness(d.build());
    const authors = await h.collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, OCT);
    const mrs = await h.collect({ kind: 'merged_mrs', group: 'gitlab-org' }, OCT);
    expect(authors.value).toBe(130);
    expect(mrs.value).toBe(250);
    // person0..person119 wrote 2 MRs each (i and i+130), person120..person129 wrote one.
    expect(authors.contributors?.slice(0, 2).map((c) => [c.username, c.count])).toEqual([
      ['person0', 2],
      ['person1', 2],
    ]);
    expect(authors.contributors?.at(-1)).toMatchObject({ username: 'person129', count: 1 });
    expect(h.windowRequests()).toHaveLength(3);
  });
});
