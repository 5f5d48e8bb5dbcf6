// The indicator kinds beyond merged-MR counts. Every expected number is a HAND count of the data
// set written next to it (UTC months).
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import type { FakeIssue, FakeMergeRequest } from '@community-pulse/demo/fakes/gitlab/index';
import { server } from '../../msw-server.ts';
import { BASE, COMMUNITY, DataBuilder, harness, rejection } from './harness.ts';

const month = (m: number, year = 2026) => periodOf({ year, month: m }, 'UTC');
const JUL = month(7);
const SEP = month(9);
const OCT = month(10);
const DEC = month(12);

function world() {
  const d = new DataBuilder();
  d.groups = [...d.groups, 'gitlab-com/marketing', 'gitlab-com/marketing/emea'];
  d.user('renovate', 'Renovate', true);
  const mr = (project: string, author: string, mergedAt: string, extra: Partial<FakeMergeRequest> = {}) => Object.assign(d.mr(project, author, mergedAt, extra.state ? { state: extra.state } : {}), extra);

  // Retention: carol first merged in March, so she is returning in July and October.
  mr('gitlab-org/gitlab', 'carol', '2026-03-10T10:00:00Z');
  mr('gitlab-org/gitlab', 'alice', '2026-07-05T10:00:00Z'); // July first-timer
  mr('gitlab-org/gitlab', 'bob', '2026-07-10T10:00:00Z'); // July first-timer
  mr('gitlab-org/gitlab', 'carol', '2026-07-12T10:00:00Z'); // returning
  mr('gitlab-org/gitlab', 'alice', '2026-08-03T10:00:00Z'); // alice comes back within 3 months
  mr('gitlab-org/gitlab', 'dave', '2026-09-02T10:00:00Z'); // September first-timer
  // October: erin (first) twice, carol (returning); a bot. Days open → merged: 4, 2, 10 (bot left out).
  // First review comments: erin's first MR by rita after 6 h (her own note, a system note and a
  // bot's come first); her second after 24 h, behind 150 of her own notes (a second page);
  // carol's was never commented on.
  const erin = d.user('erin').id;
  const rita = d.user('rita').id;
  const bot = d.user('renovate', 'Renovate', true).id;
  mr('gitlab-org/gitlab', 'erin', '2026-10-05T00:00:00Z', {
    createdAt: '2026-10-01T00:00:00Z',
    notes: [
      { authorId: erin, createdAt: '2026-10-01T01:00:00Z' },
      { authorId: rita, createdAt: '2026-10-01T02:00:00Z', system: true },
      { authorId: bot, createdAt: '2026-10-01T03:00:00Z' },
      { authorId: rita, createdAt: '2026-10-01T06:00:00Z' },
      { authorId: rita, createdAt: '2026-10-02T06:00:00Z' },
    ],
  });
  mr('gitlab-org/sub/tool', 'erin', '2026-10-12T00:00:00Z', {
    createdAt: '2026-10-10T00:00:00Z',
    notes: [...Array.from({ length: 150 }, (_, i) => ({ authorId: erin, createdAt: new Date(Date.parse('2026-10-10T00:00:00Z') + (i + 1) * 60_000).toISOString() })), { authorId: rita, createdAt: '2026-10-11T00:00:00Z' }],
  });
  mr('gitlab-org/gitlab', 'carol', '2026-10-07T00:00:00Z', { createdAt: '2026-09-27T00:00:00Z' });
  mr('gitlab-org/gitlab', 'renovate', '2026-10-02T00:00:00Z', { createdAt: '2026-10-01T00:00:00Z' });
  mr('gitlab-org/gitlab', 'bob', '2026-11-02T10:00:00Z'); // bob returns, but after October

  // Open at the end of October (Nov 1 00:00Z): ages 11, 61, 2 (merged later), 21 (closed later).
  mr('gitlab-org/gitlab', 'gina', '', { state: 'opened', createdAt: '2026-10-21T00:00:00Z' });
  mr('gitlab-org/gitlab', 'gina', '', { state: 'opened', createdAt: '2026-09-01T00:00:00Z' });
  mr('gitlab-org/gitlab', 'gina', '2026-11-05T00:00:00Z', { createdAt: '2026-10-30T00:00:00Z' });
  mr('gitlab-org/gitlab', 'gina', '', { state: 'closed', createdAt: '2026-10-11T00:00:00Z', closedAt: '2026-11-03T00:00:00Z' });
  // Not open at the end: closed before it, created after it, a bot's, one without the label.
  mr('gitlab-org/gitlab', 'gina', '', { state: 'closed', createdAt: '2026-10-01T00:00:00Z', closedAt: '2026-10-20T00:00:00Z' });
  mr('gitlab-org/gitlab', 'gina', '', { state: 'opened', createdAt: '2026-11-02T00:00:00Z' });
  mr('gitlab-org/gitlab', 'renovate', '', { state: 'opened', createdAt: '2026-10-01T00:00:00Z' });
  mr('gitlab-org/gitlab', 'gina', '', { state: 'opened', createdAt: '2026-10-01T00:00:00Z', labels: ['type::bug'] });

  // Releases: 17.5 is due in October. Its human community MRs: mike ×2, nina, oscar (a subgroup).
  mr('gitlab-org/gitlab', 'mike', '2026-06-01T10:00:00Z', { milestone: '17.5' });
  mr('gitlab-org/gitlab', 'mike', '2026-06-02T10:00:00Z', { milestone: '17.5' });
  mr('gitlab-org/gitlab', 'nina', '2026-06-03T10:00:00Z', { milestone: '17.5' });
  mr('gitlab-org/sub/tool', 'oscar', '2026-06-04T10:00:00Z', { milestone: '17.5' });
  mr('gitlab-org/gitlab', 'renovate', '2026-06-05T10:00:00Z', { milestone: '17.5' }); // bot
  mr('gitlab-org/gitlab', 'nina', '2026-06-06T10:00:00Z', { milestone: '17.5', labels: ['type::bug'] }); // no label
  mr('other/tool', 'nina', '2026-06-07T10:00:00Z', { milestone: '17.5' }); // another group
  mr('gitlab-org/gitlab', 'nina', '2026-06-08T10:00:00Z', { milestone: '17.6' }); // next release

  const issue = (id: number, project: string, extra: Partial<FakeIssue>): FakeIssue => ({ id, iid: id, project, title: `Meetup ${id}`, labels: ['Meetups'], state: 'opened', createdAt: '2026-01-01T00:00:00Z', ...extra });
  const issues: FakeIssue[] = [
    issue(1, 'gitlab-com/marketing/meetups', { dueDate: '2026-10-01', createdAt: '2026-09-01T00:00:00Z' }), // ✓ due
    issue(2, 'gitlab-com/marketing/meetups', { dueDate: '2026-10-31', createdAt: '2026-10-03T00:00:00Z' }), // ✓ due, ✓ created
    issue(3, 'gitlab-com/marketing/meetups', { dueDate: '2026-11-01', createdAt: '2026-10-31T23:59:59Z' }), // ✓ created
    issue(4, 'gitlab-com/marketing/meetups', { dueDate: '2026-09-30', createdAt: '2026-10-01T00:00:00Z', state: 'closed', closedAt: '2026-11-01T00:00:00Z' }), // ✓ created
    issue(5, 'gitlab-com/marketing/meetups', { dueDate: '2026-10-15', createdAt: '2026-10-02T00:00:00Z', labels: ['Webinar'] }), // ✗ label
    issue(6, 'gitlab-com/marketing/meetups', { createdAt: '2026-11-01T00:00:00Z' }), // ✗ no due date, created in November
    issue(7, 'gitlab-com/marketing/emea/meetups', { dueDate: '2026-10-20', createdAt: '2026-08-01T00:00:00Z' }), // ✓ due (subgroup)
    issue(8, 'gitlab-com/marketing/meetups', { dueDate: '2026-10-10', createdAt: '2026-10-09T00:00:00Z', state: 'closed', closedAt: '2026-10-11T00:00:00Z' }), // ✓ due, created, closed
  ];
  const data = d.build();
  return {
    ...data,
    issues,
    milestones: [
      { id: 1, title: '17.4', group: 'gitlab-org', dueDate: '2026-09-17', state: 'closed' as const },
      { id: 2, title: '17.5', group: 'gitlab-org', dueDate: '2026-10-15' },
      { id: 3, title: 'FY27 Q3 planning', group: 'gitlab-org', dueDate: '2026-10-31' },
      { id: 4, title: 'Backlog', group: 'gitlab-org' },
      { id: 5, title: '17.6', group: 'gitlab-org', dueDate: '2026-11-19' },
    ],
  };
}

const ORG = { group: 'gitlab-org' };

describe('gitlab contributor retention', () => {
  it('counts returning contributors: October authors with an earlier merged MR (carol), not erin', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'returning_contributors', ...ORG }, OCT);
    expect(outcome.value).toBe(1);
    expect(outcome.contributors?.map((c) => [c.username, c.firstTime])).toEqual([['carol', false]]);
    expect((await collect({ kind: 'first_time_contributors', ...ORG }, OCT)).value).toBe(1);
  });

  it('reports the share of July first-timers back within 3 months, with younger cohorts partial', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'contributor_retention', ...ORG }, OCT);
    // July: alice and bob first-timers; alice back in August, bob only in November → 50 %.
    expect(outcome).toMatchObject({ value: 50, status: 'ok', unit: '%' });
    expect(outcome.breakdown).toEqual({
      kind: 'cohorts',
      items: [
        { key: '2026-07', label: 'Cohort 2026-07', value: 50, count: 2 },
        // August had no first-timer (alice was back); September: dave, not back in October.
        { key: '2026-08', label: 'Cohort 2026-08', value: null, count: 0, partial: true },
        { key: '2026-09', label: 'Cohort 2026-09', value: 0, count: 1, partial: true },
      ],
    });
  });

  it('is unavailable when the cohort month had no first-time contributors', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'contributor_retention', ...ORG, within_months: 2 }, OCT);
    expect(outcome).toMatchObject({ value: null, status: 'unavailable' });
    expect(outcome.reason).toContain('2026-08');
  });
});

describe('gitlab merged_mrs_per_milestone (per-release series)', () => {
  it('counts the release due in the month: 17.5 = mike 2 + nina 1 + oscar 1 (subgroup)', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'merged_mrs_per_milestone', ...ORG }, OCT);
    expect(outcome).toEqual({ value: 4, status: 'ok', breakdown: { kind: 'releases', items: [{ key: '17.5', label: '17.5', value: 4, date: '2026-10-15' }] } });
  });

  it('a release with no community MR is 0; a month without a release is unavailable', async () => {
    const { collect } = harness(world());
    expect((await collect({ kind: 'merged_mrs_per_milestone', ...ORG }, SEP)).value).toBe(0);
    const none = await collect({ kind: 'merged_mrs_per_milestone', ...ORG }, DEC);
    expect(none).toMatchObject({ value: null, status: 'unavailable' });
    expect(none.reason).toContain('2026-12');
  });

  it('honours exclude_users and a custom pattern', async () => {
    const { collect } = harness(world());
    expect((await collect({ kind: 'merged_mrs_per_milestone', ...ORG, exclude_users: ['@Mike'] }, OCT)).value).toBe(2);
    const planning = await collect({ kind: 'merged_mrs_per_milestone', ...ORG, milestone_pattern: '^FY' }, OCT);
    expect(planning.breakdown?.items.map((i) => [i.key, i.value])).toEqual([['FY27 Q3 planning', 0]]);
  });
});

describe('gitlab time_to_merge and open_mr_age', () => {
  it('time to merge of October: days 2, 4, 10 → median 4, p75 10 (bots left out)', async () => {
    const { collect } = harness(world());
    const median = await collect({ kind: 'time_to_merge', ...ORG }, OCT);
    expect(median).toMatchObject({ value: 4, unit: 'days' });
    expect(median.breakdown?.items.map((i) => [i.key, i.value, i.count])).toEqual([
      ['median', 4, 3],
      ['p75', 10, 3],
    ]);
    expect((await collect({ kind: 'time_to_merge', ...ORG, statistic: 'p75' }, OCT)).value).toBe(10);
    expect(await collect({ kind: 'time_to_merge', ...ORG }, DEC)).toMatchObject({ value: null, status: 'unavailable' });
  });

  it('time to first review of October: 6 h and 24 h → median 15, p75 24; one MR without a review', async () => {
    const { collect, fake } = harness(world());
    const outcome = await collect({ kind: 'time_to_first_review', ...ORG }, OCT);
    expect(outcome).toMatchObject({ value: 15, status: 'ok', unit: 'hours' });
    expect(outcome.breakdown?.items.map((i) => [i.key, i.value])).toEqual([
      ['median', 15],
      ['p75', 24],
      ['without_review', 1],
    ]);
    // One batch for the three MRs, then the second page of erin's busy MR.
    expect(fake.requests.filter((r) => r.query?.includes('PulseFirstReview'))).toHaveLength(2);
    expect(await collect({ kind: 'time_to_first_review', ...ORG }, DEC)).toMatchObject({ value: null, status: 'unavailable' });
  });

  it('OCMA at the end of October: ages 2, 11, 21, 61 → median 16, p75 21', async () => {
    const { collect, fake } = harness(world());
    const outcome = await collect({ kind: 'open_mr_age', ...ORG }, OCT);
    expect(outcome).toMatchObject({ value: 16, status: 'ok', unit: 'days' });
    expect(outcome.breakdown?.items.map((i) => [i.key, i.value, i.count])).toEqual([
      ['median', 16, 4],
      ['p75', 21, 4],
    ]);
    expect(fake.requests.filter((r) => r.query?.includes('PulseOpenAt'))).toHaveLength(3);
  });

  it('OCMA with no open MR is unavailable, not 0 days', async () => {
    const { collect } = harness(world());
    expect(await collect({ kind: 'open_mr_age', group: 'gitlab-com' }, OCT)).toMatchObject({ value: null, status: 'unavailable', unit: 'days' });
  });
});

describe('gitlab issues by date field', () => {
  it('counts Meetups issues of a group (subgroups included) by due date: 1, 7, 8, 2', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' }, OCT);
    expect(outcome.value).toBe(4);
    expect(outcome.breakdown?.items.map((i) => [i.label, i.date])).toEqual([
      ['Meetup 1', '2026-10-01'],
      ['Meetup 8', '2026-10-10'],
      ['Meetup 7', '2026-10-20'],
      ['Meetup 2', '2026-10-31'],
    ]);
  });

  it('counts by project, by created_at and by closed_at', async () => {
    const { collect } = harness(world());
    expect((await collect({ kind: 'issues', project: 'gitlab-com/marketing/meetups', labels: ['Meetups'], date_field: 'due_date' }, OCT)).value).toBe(3);
    expect((await collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'created_at' }, OCT)).value).toBe(4);
    expect((await collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'closed_at' }, OCT)).value).toBe(1);
    expect((await collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date', state: 'closed' }, OCT)).value).toBe(1);
  });

  it('an empty month is 0; an unknown group or project is ENOTFOUND', async () => {
    const { collect } = harness(world());
    expect((await collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' }, DEC)).value).toBe(0);
    expect(await rejection(collect({ kind: 'issues', project: 'nope/nothing', labels: ['Meetups'] }, OCT))).toMatchObject({ code: 'ENOTFOUND' });
    expect(await rejection(collect({ kind: 'open_mr_age', group: 'no-such-group' }, OCT))).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('pages through more than 100 issues (keyset cursors)', async () => {
    const data = world();
    const many: FakeIssue[] = Array.from({ length: 230 }, (_, i) => ({
      id: 1000 + i,
      iid: 1000 + i,
      project: 'gitlab-com/marketing/meetups',
      title: `Bulk ${i}`,
      labels: ['Meetups'],
      state: 'opened',
      createdAt: '2026-10-15T00:00:00Z',
      dueDate: i % 2 === 0 ? '2026-10-15' : '2026-11-15',
    }));
    const { collect, fake } = harness({ ...data, issues: [...(data.issues ?? []), ...many] });
    expect((await collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'created_at' }, OCT)).value).toBe(4 + 230);
    expect(fake.requests.filter((r) => r.query?.includes('PulseIssues'))).toHaveLength(3);
  });

  it("lists a counted issue under the report zone's day, the zone that counted it (not its UTC day)", async () => {
    const data = world();
    const at = (id: number, createdAt: string): FakeIssue => ({ id, iid: id, project: 'gitlab-com/marketing/zones', title: `Zone ${id}`, labels: ['Zoned'], state: 'opened', createdAt });
    // 16:00Z on Sep 30 is 01:00 on Oct 1 in Tokyo (UTC+9); 03:00Z on Nov 1 is 20:00 on Oct 31 in Los Angeles (UTC-7).
    const { collect } = harness({ ...data, issues: [at(901, '2026-09-30T16:00:00Z'), at(902, '2026-11-01T03:00:00Z')] });
    const query = { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Zoned'], date_field: 'created_at' } as const;
    const tokyo = await collect(query, periodOf({ year: 2026, month: 10 }, 'Asia/Tokyo'));
    expect(tokyo.breakdown?.items.map((i) => [i.label, i.date])).toEqual([['Zone 901', '2026-10-01']]);
    const la = await collect(query, periodOf({ year: 2026, month: 10 }, 'America/Los_Angeles'));
    expect(la.breakdown?.items.map((i) => [i.label, i.date])).toEqual([['Zone 902', '2026-10-31']]);
  });
});

describe('gitlab indicator kinds under failure', () => {
  it('retries a 429 and a 5xx, then answers', async () => {
    const { collect, fake, http: client } = harness(world());
    fake.failAt(0, { kind: 'rate-limit', retryAfterSeconds: 3 });
    fake.failAt(1, { kind: 'status', status: 502 });
    expect((await collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' }, OCT)).value).toBe(4);
    expect(client.stats().retries).toBe(2);
  });

  it('persistent 5xx is ETRANSIENT; GraphQL errors in a 200 are EQUERY', async () => {
    const a = harness(world());
    a.fake.failNext({ kind: 'status', status: 503 }, 5);
    expect(await rejection(a.collect({ kind: 'merged_mrs_per_milestone', ...ORG }, OCT))).toMatchObject({ code: 'ETRANSIENT' });
    const b = harness(world());
    b.fake.failNext({ kind: 'graphql-errors', messages: ["Field 'dueAfter' doesn't accept argument"] });
    expect(await rejection(b.collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' }, OCT))).toMatchObject({ code: 'EQUERY' });
  });

  it('rejects a connection of the wrong shape with EBADRESPONSE', async () => {
    const { collect } = harness(world());
    server.use(http.post(`${BASE}/api/graphql`, () => HttpResponse.json({ data: { group: { issues: { pageInfo: { hasNextPage: false }, nodes: 'none' } } } })));
    expect(await rejection(collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: [COMMUNITY] }, OCT))).toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('treats an issue link that is not http(s) as a bad answer, and cuts a 100 KB title at the boundary', async () => {
    const issue = (webUrl: string, title: string) => ({ iid: '1', title, webUrl, createdAt: '2026-10-02T00:00:00Z', closedAt: null, dueDate: '2026-10-09' });
    const answer = (node: ReturnType<typeof issue>) => HttpResponse.json({ data: { group: { issues: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [node] } } } });
    const query = { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' } as const;
    const hostile = harness(world());
    server.use(http.post(`${BASE}/api/graphql`, () => answer(issue('javascript:alert(1)', 'Meetup'))));
    expect(await rejection(hostile.collect(query, OCT))).toMatchObject({ code: 'EBADRESPONSE' });
    const long = harness(world());
    server.use(http.post(`${BASE}/api/graphql`, () => answer(issue('https://gitlab.com/gitlab-com/marketing/-/issues/1', 'M'.repeat(100_000)))));
    const outcome = await long.collect(query, OCT);
    expect(outcome.value).toBe(1);
    expect(JSON.stringify(outcome)).not.toContain('M'.repeat(1000));
  });
});

describe('gitlab backfill: merged-MR windows span the months', () => {
  it('fetches July..October in one window per group and splits it by month', async () => {
    const { ctx, fake, windowRequests } = harness(world());
    const { gitlabSource } = await import('../../../src/sources/gitlab/index.ts');
    const collector = gitlabSource.createCollector(ctx, 'gitlab', { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
    const metric = { id: 'authors', query: { kind: 'merged_mr_authors', ...ORG } };
    const months = [JUL, month(8), SEP, OCT];
    collector.prefetch?.(metric, months);
    const values = await Promise.all(months.map((p) => collector.collect(metric, p)));
    // July alice, bob, carol; August alice; September dave; October erin, carol.
    expect(values.map((v) => v.value)).toEqual([3, 1, 1, 2]);
    expect(windowRequests()).toHaveLength(1);
    expect(fake.requests[0]?.variables).toMatchObject({ after: '2026-07-01T00:00:00.000Z', before: '2026-10-31T23:59:59.999999Z' });
  });

  it('answers OCMA and issue counts of several months from one walk each', async () => {
    const { ctx, fake } = harness(world());
    const { gitlabSource } = await import('../../../src/sources/gitlab/index.ts');
    const collector = gitlabSource.createCollector(ctx, 'gitlab', { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
    const ocma = { id: 'ocma', query: { kind: 'open_mr_age', ...ORG } };
    const meetups = { id: 'meetups', query: { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' } };
    const months = [SEP, OCT, month(11)];
    collector.prefetch?.(ocma, months);
    collector.prefetch?.(meetups, months);
    const ages = await Promise.all(months.map((p) => collector.collect(ocma, p)));
    // End of September (Oct 1 00:00Z): gina's MR opened Sep 1 (30 days) and carol's opened Sep 27,
    // merged Oct 7 (4 days) → median 17. October as above: 16.
    // End of November: open now and created before Dec 1: Sep 1 (91 days), Oct 21 (41), Nov 2 (29) → 41.
    expect(ages.map((a) => a.value)).toEqual([17, 16, 41]);
    // Meetups due: September 4 (Sep 30); October 1, 7, 8, 2; November 3 (Nov 1).
    expect((await Promise.all(months.map((p) => collector.collect(meetups, p)))).map((o) => o.value)).toEqual([1, 4, 1]);
    expect(fake.requests.filter((r) => r.query?.includes('PulseOpenAt'))).toHaveLength(3);
    expect(fake.requests.filter((r) => r.query?.includes('PulseIssues'))).toHaveLength(1);
  });

  it('fetches months side by side when the range holds more than a page a month (one walk would only be slower)', async () => {
    const d = new DataBuilder();
    for (let i = 0; i < 150; i++) {
      d.mr('gitlab-org/gitlab', `j${i}`, `2026-07-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`);
      d.mr('gitlab-org/gitlab', `a${i}`, `2026-08-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`);
    }
    const { ctx, windowRequests } = harness(d.build());
    const { gitlabSource } = await import('../../../src/sources/gitlab/index.ts');
    const collector = gitlabSource.createCollector(ctx, 'gitlab', { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
    const metric = { id: 'mrs', query: { kind: 'merged_mrs', ...ORG } };
    collector.prefetch?.(metric, [JUL, month(8)]);
    expect((await Promise.all([JUL, month(8)].map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([150, 150]);
    // 300 MRs > 2 months × 100: the walk stops after its first page; then 2 pages for each month.
    expect(windowRequests()).toHaveLength(1 + 2 + 2);
  });

  it('does not trust `count` above 1000 (a limited count): a 12-month backfill of 150 MRs a month still goes month by month', async () => {
    const d = new DataBuilder();
    const months = Array.from({ length: 12 }, (_, m) => periodOf({ year: 2025, month: m + 1 }, 'UTC'));
    months.forEach((p, m) => {
      for (let i = 0; i < 150; i++) d.mr('gitlab-org/gitlab', `u${m}-${i}`, `${p.label}-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`);
    });
    const { ctx, windowRequests } = harness(d.build());
    const { gitlabSource } = await import('../../../src/sources/gitlab/index.ts');
    const collector = gitlabSource.createCollector(ctx, 'gitlab', { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
    const metric = { id: 'mrs', query: { kind: 'merged_mrs', ...ORG } };
    collector.prefetch?.(metric, months);
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual(months.map(() => 150));
    // No walk over several months reads past its first page: the count (1001 above 1000) still tells.
    const multiMonthPages = windowRequests().filter((r) => {
      const v = r.variables ?? {};
      return String(v.after).slice(0, 7) !== String(v.before).slice(0, 7) && v.cursor != null;
    });
    expect(multiMonthPages).toEqual([]);
  });
});

describe('gitlab connections are bounded', () => {
  it('stops a server that keeps announcing pages with new cursors', async () => {
    const { collect } = harness(world());
    let n = 0;
    server.use(
      http.post(`${BASE}/api/graphql`, () => {
        n++;
        return HttpResponse.json({ data: { group: { issues: { pageInfo: { hasNextPage: true, endCursor: `c${n}` }, nodes: [] } } } });
      }),
    );
    const error = await rejection(collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'] }, OCT));
    expect(error).toMatchObject({ code: 'EBADRESPONSE' });
    expect(n).toBe(1000);
  });
});
