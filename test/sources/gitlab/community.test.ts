// The wider community without labels: authors who are NOT members of the company's groups
// (GET /groups/:id/members/all over real HTTP against the fake), bots always out, labels and a
// username list as refinements. Every expected number is a HAND count of the world below.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import type { FakeGitlabData, FakeMembership } from '@community-pulse/demo/fakes/gitlab/index';
import { problemsOf, edit } from '../../goals/helpers.ts';
import { gitlabSource } from '../../../src/sources/gitlab/index.ts';
import { BASE, COMMUNITY, DataBuilder, harness, rejection } from './harness.ts';

const OCT = periodOf({ year: 2026, month: 10 }, 'UTC');
const MAR = periodOf({ year: 2026, month: 3 }, 'UTC');
const JUN = periodOf({ year: 2026, month: 6 }, 'UTC');
const NONE: string[] = [];

function world(extraMembers = 0): FakeGitlabData {
  const d = new DataBuilder();
  d.groups = ['gitlab-org', 'gitlab-org/sub', 'gitlab-com', 'gitlab-com/support', 'gitlab-com/gl-security', 'contractors'];
  d.user('renovate-bot', 'Renovate', true);
  // October, gitlab-org: two people with the community label, the rest without any label.
  d.mr('gitlab-org/gitlab', 'alex', '2026-10-03T10:00:00Z', { labels: NONE }); // community, no label
  d.mr('gitlab-org/gitlab', 'lena', '2026-10-04T10:00:00Z'); // community, labelled
  d.mr('gitlab-org/gitlab', 'mia', '2026-10-05T10:00:00Z'); // member of gitlab-com who also carries the label
  d.mr('gitlab-org/gitlab', 'ian', '2026-10-06T10:00:00Z', { labels: NONE }); // member of gitlab-com
  d.mr('gitlab-org/sub/tool', 'zoe', '2026-10-07T10:00:00Z', { labels: NONE }); // member of gitlab-com/support only
  d.mr('gitlab-org/gitlab', 'carla', '2026-10-08T10:00:00Z', { labels: NONE }); // member of contractors, invited to gitlab-com
  d.mr('gitlab-org/gitlab', 'renovate-bot', '2026-10-09T10:00:00Z', { labels: NONE }); // a bot, member of nothing
  d.mr('gitlab-org/gitlab', 'june', '2026-10-10T10:00:00Z', { labels: NONE }); // joined gitlab-com on June 10
  // Earlier months, for the backfill: june before she joined, alex in June.
  d.mr('gitlab-org/gitlab', 'june', '2026-03-12T10:00:00Z', { labels: NONE });
  d.mr('gitlab-org/gitlab', 'june', '2026-06-20T10:00:00Z', { labels: NONE });
  d.mr('gitlab-org/gitlab', 'alex', '2026-06-21T10:00:00Z', { labels: NONE });
  const id = (username: string) => d.user(username).id;
  const memberships: FakeMembership[] = [
    { group: 'gitlab-com', userId: id('mia'), createdAt: '2024-01-10T09:00:00Z' },
    { group: 'gitlab-com', userId: id('ian'), createdAt: '2023-05-02T09:00:00Z', accessLevel: 40 },
    { group: 'gitlab-com/support', userId: id('zoe'), createdAt: '2022-02-02T09:00:00Z' },
    { group: 'contractors', userId: id('carla'), createdAt: '2025-07-07T09:00:00Z' },
    { group: 'gitlab-com', userId: id('june'), createdAt: '2026-06-10T09:00:00Z' },
    // ian is also a direct member of the subgroup, with a lower role: one row, the higher one.
    { group: 'gitlab-com/gl-security', userId: id('ian'), createdAt: '2025-01-01T09:00:00Z', accessLevel: 20 },
  ];
  for (let i = 0; i < extraMembers; i++) memberships.push({ group: 'gitlab-com', userId: d.user(`staff${i}`).id, createdAt: '2020-01-01T00:00:00Z' });
  return { ...d.build(), memberships, groupShares: [{ group: 'gitlab-com', invited: 'contractors' }] };
}

const authors = (outcome: { contributors?: Array<{ username: string }> | undefined }) => (outcome.contributors ?? []).map((c) => c.username).sort();
const membersRequests = (fake: { requests: Array<{ path: string }> }) => fake.requests.filter((r) => r.path.includes('/members/all'));

describe('gitlab community by membership', () => {
  it("keeps today's label form: only labelled MRs count, members included, no membership is read", async () => {
    const { collect, fake } = harness(world());
    const outcome = await collect({ kind: 'merged_mr_authors', group: 'gitlab-org' }, OCT);
    expect(authors(outcome)).toEqual(['lena', 'mia']);
    expect(membersRequests(fake)).toHaveLength(0);
  });

  it('counts every non-member without a label: members, members of an invited group and bots are out', async () => {
    const { collect, fake } = harness(world());
    const outcome = await collect({ kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: ['gitlab-com'] } }, OCT);
    // zoe is a member of a SUBGROUP of gitlab-com only: members/all of gitlab-com does not list her.
    expect(authors(outcome)).toEqual(['alex', 'lena', 'zoe']);
    expect(membersRequests(fake).map((r) => r.path)).toEqual(['/api/v4/groups/gitlab-com/members/all?per_page=100']);
  });

  it('a member via a subgroup is out when that subgroup is listed', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: ['gitlab-com', 'gitlab-com/support'] } }, OCT);
    expect(authors(outcome)).toEqual(['alex', 'lena']);
  });

  it('members inherited from an ancestor group (and invited to it) are out when only the subgroup is listed', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: ['gitlab-com/gl-security'] } }, OCT);
    // ian, mia and june (gitlab-com) and carla (contractors, invited to gitlab-com) are inherited.
    expect(authors(outcome)).toEqual(['alex', 'lena', 'zoe']);
  });

  it('labels refine the rule: a member who carries the label is still out', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: ['gitlab-com'], labels: [COMMUNITY] } }, OCT);
    expect(authors(outcome)).toEqual(['lena']);
  });

  it('exclude_usernames leaves out people the membership does not list', async () => {
    const { collect } = harness(world());
    const outcome = await collect({ kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: ['gitlab-com'], exclude_usernames: ['@Alex'] } }, OCT);
    expect(authors(outcome)).toEqual(['lena', 'zoe']);
  });

  it('a backfill counts a member in the months before their membership began: june (joined June 10) is community in March, not in June', async () => {
    const { collect, fake } = harness(world());
    const query = { kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: ['gitlab-com'] } };
    expect(authors(await collect(query, MAR))).toEqual(['june']);
    expect(authors(await collect(query, JUN))).toEqual(['alex']);
    // One listing per group per run, however many months and kinds ask.
    expect((await collect({ ...query, kind: 'merged_mrs' }, OCT)).value).toBe(3);
    expect(membersRequests(fake)).toHaveLength(1);
  });

  it('first-time contributors and merged MRs follow the same community', async () => {
    const { collect } = harness(world());
    const community = { exclude_members_of: ['gitlab-com'] };
    // October's community: alex (first MR in June: returning), lena and zoe (first).
    const first = await collect({ kind: 'first_time_contributors', group: 'gitlab-org', community }, OCT);
    expect(authors(first)).toEqual(['lena', 'zoe']);
    expect(authors(await collect({ kind: 'returning_contributors', group: 'gitlab-org', community }, OCT))).toEqual(['alex']);
  });

  it('pages through a large membership (250 members: 3 pages of 100) once for all metrics', async () => {
    const { collect, fake } = harness(world(250));
    const community = { exclude_members_of: ['gitlab-com'] };
    expect((await collect({ kind: 'merged_mr_authors', group: 'gitlab-org', community }, OCT)).value).toBe(3);
    expect((await collect({ kind: 'merged_mrs', group: 'gitlab-org', community }, OCT)).value).toBe(3);
    expect(membersRequests(fake).map((r) => new URL(r.path, 'https://x').searchParams.get('page') ?? '1')).toEqual(['1', '2', '3']);
  });

  it('an unknown group in exclude_members_of is ENOTFOUND with the fix', async () => {
    const { collect } = harness(world());
    const error = await rejection(collect({ kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: ['gitlab-cmo'] } }, OCT));
    expect(error.code).toBe('ENOTFOUND');
    expect(error.fix).toContain('exclude_members_of');
  });
});

describe('gitlab verify with community', () => {
  it('looks up the groups of exclude_members_of too: a wrong path fails before collecting', async () => {
    const { ctx } = harness(world());
    const config = { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' };
    const verify = (groups: string[]) => gitlabSource.verify?.(ctx, 'gitlab', config, [{ kind: 'merged_mr_authors', group: 'gitlab-org', community: { exclude_members_of: groups } }]);
    await expect(verify(['gitlab-com'])).resolves.toBeUndefined();
    expect(await rejection(Promise.resolve(verify(['gitlab-cmo'])))).toMatchObject({ code: 'ENOTFOUND', message: expect.stringContaining('gitlab-cmo') });
  });
});

describe('goals.yml: community', () => {
  it('is valid with exclude_members_of alone', () => {
    expect(problemsOf(edit(['group: gitlab-org }', 'group: gitlab-org, community: { exclude_members_of: [gitlab-com] } }']))).toEqual([]);
  });

  it('points at labels given beside community, and at an empty exclude_members_of', () => {
    const problems = problemsOf(edit(['group: gitlab-org }', 'group: gitlab-org, labels: [x], community: { exclude_members_of: [] } }']));
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => /^goals\.yml:15:\d+: metrics\[0\]\.query\.labels .*community\.labels/.test(p))).toBe(true);
    expect(problems.some((p) => /^goals\.yml:15:\d+: metrics\[0\]\.query\.community\.exclude_members_of /.test(p))).toBe(true);
  });
});
