// What GitLab's references and server code say about the arguments the collector sends, against a
// fake that implements them (demo/fakes/gitlab/README.md): `mergedBefore` widened to the end
// of its UTC day, archived projects left out unless `includeArchived: true`, a strict `dueBefore`,
// and `confidential` issues.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import type { FakeIssue } from '@community-pulse/demo/fakes/gitlab/index';
import { BASE, DataBuilder, harness, TOKEN } from './harness.ts';

const NOV_BERLIN = periodOf({ year: 2026, month: 11 }, 'Europe/Berlin');
const OCT_UTC = periodOf({ year: 2026, month: 10 }, 'UTC');

describe('the fake GitLab follows the reference', () => {
  it('widens mergedBefore to the end of its UTC day (MergeRequest::Metrics lteq(date.end_of_day))', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'alice', '2026-10-31T20:00:00Z');
    harness(d.build());
    const res = await fetch(`${BASE}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: '{ group(fullPath: "gitlab-org") { mergeRequests(state: merged, includeSubgroups: true, mergedBefore: "2026-10-31T10:00:00Z") { count } } }' }),
    });
    expect(await res.json()).toEqual({ data: { group: { mergeRequests: { count: 1 } } } });
  });
});

describe('gitlab: a month edge in a zone ahead of UTC', () => {
  it('a first MR merged at 00:30 Berlin on the 1st (23:30 UTC the day before) is first-time, not returning', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'early', '2026-10-31T23:30:00Z'); // 1 November 00:30 in Berlin
    d.mr('gitlab-org/gitlab', 'old', '2026-10-31T22:30:00Z'); // 31 October 23:30 in Berlin: before the period
    d.mr('gitlab-org/gitlab', 'old', '2026-11-10T10:00:00Z');
    const h = harness(d.build());
    const first = await h.collect({ kind: 'first_time_contributors', group: 'gitlab-org' }, NOV_BERLIN);
    expect(first.contributors?.map((c) => c.username)).toEqual(['early']);
    const returning = await h.collect({ kind: 'returning_contributors', group: 'gitlab-org' }, NOV_BERLIN);
    expect(returning.contributors?.map((c) => c.username)).toEqual(['old']);
  });

  it('sends merged-date bounds that are whole UTC days (nothing for the end-of-day widening to move)', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'alice', '2026-11-01T00:30:00+01:00');
    const h = harness(d.build());
    expect((await h.collect({ kind: 'merged_mrs', group: 'gitlab-org' }, NOV_BERLIN)).value).toBe(1);
    const variables = h.windowRequests().map((r) => r.variables);
    expect(variables[0]).toMatchObject({ after: '2026-10-31T00:00:00.000Z', before: '2026-11-30T23:59:59.999999Z' });
  });
});

describe('gitlab: archived projects', () => {
  function world() {
    const d = new DataBuilder();
    d.mr('gitlab-org/old-tool', 'arch', '2026-10-05T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'bea', '2026-10-06T00:00:00Z');
    d.mr('gitlab-org/old-tool', 'bea', '2026-03-01T00:00:00Z'); // bea's earlier MR, in a project archived since
    d.mr('gitlab-org/old-tool', 'zed', '', { state: 'opened' });
    return { ...d.build(), archivedProjects: ['gitlab-org/old-tool'] };
  }

  it('count for merged MRs, authors and first-time history (includeArchived: true)', async () => {
    const h = harness(world());
    expect((await h.collect({ kind: 'merged_mrs', group: 'gitlab-org' }, OCT_UTC)).value).toBe(2);
    const first = await h.collect({ kind: 'first_time_contributors', group: 'gitlab-org' }, OCT_UTC);
    expect(first.contributors?.map((c) => c.username)).toEqual(['arch']);
  });

  it('are left out of open MR age, said explicitly (includeArchived: false)', async () => {
    const h = harness(world());
    expect(await h.collect({ kind: 'open_mr_age', group: 'gitlab-org' }, OCT_UTC)).toMatchObject({ value: null, status: 'unavailable' });
    const sent = h.fake.requests.filter((r) => r.query?.includes('PulseOpenAt'));
    expect(sent.length).toBeGreaterThan(0);
    for (const r of sent) expect(r.query).toContain('includeArchived: false');
  });
});

describe('gitlab issues: due dates and confidential issues', () => {
  const issue = (id: number, extra: Partial<FakeIssue>): FakeIssue => ({ id, iid: id, project: 'gitlab-com/marketing/meetups', title: `Meetup ${id}`, labels: ['Meetups'], state: 'opened', createdAt: '2026-01-01T00:00:00Z', ...extra });
  const data = () => ({
    ...new DataBuilder().build(),
    groups: ['gitlab-com', 'gitlab-com/marketing'],
    issues: [
      issue(1, { dueDate: '2026-10-01' }),
      issue(2, { dueDate: '2026-10-31' }), // the last day: GitLab's dueBefore is strict (due_date < ?)
      issue(3, { dueDate: '2026-11-01' }),
      issue(4, { dueDate: '2026-09-30' }),
      issue(5, { dueDate: '2026-10-12', title: 'Secret partner summit', confidential: true }),
      issue(6, { dueDate: '2026-10-20', project: 'gitlab-com/marketing/archived-meetups' }),
    ],
    archivedProjects: ['gitlab-com/marketing/archived-meetups'],
  });

  it('counts meetups due on the last day of the month, and those of archived projects', async () => {
    const h = harness(data());
    const outcome = await h.collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' }, OCT_UTC);
    expect(outcome.value).toBe(4);
    expect(outcome.breakdown?.items.map((i) => i.date)).toEqual(['2026-10-01', '2026-10-12', '2026-10-20', '2026-10-31']);
  });

  it('counts a confidential issue but keeps neither its title nor its link', async () => {
    const h = harness(data());
    const outcome = await h.collect({ kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' }, OCT_UTC);
    const text = JSON.stringify(outcome);
    expect(text).not.toContain('Secret partner summit');
    expect(text).not.toContain('/-/issues/5');
    expect(outcome.breakdown?.items.find((i) => i.date === '2026-10-12')).toMatchObject({ label: 'Confidential issue', value: 1 });
  });
});

describe('gitlab: a fixed rate limit from goals.yml', () => {
  it('accepts requests_per_minute and sends the budget as fixed (server headers no longer change it)', async () => {
    const { gitlabConfigSchema } = await import('../../../src/sources/gitlab/config.ts');
    expect(gitlabConfigSchema.parse({ type: 'gitlab', token_env: 'PULSE_GITLAB_TOKEN', requests_per_minute: 100 })).toMatchObject({ requests_per_minute: 100 });
    const { gitlabApi } = await import('../../../src/sources/gitlab/connection.ts');
    const budgets: unknown[] = [];
    const h = harness(new DataBuilder().build());
    const ctx = { ...h.ctx, http: { ...h.http, setBudget: (_host: string, budget: unknown) => void budgets.push(budget) } };
    gitlabApi(ctx, gitlabConfigSchema.parse({ type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN', requests_per_minute: 100 }), { concurrency: 8, requestsPerMinute: 2000 });
    expect(budgets).toEqual([{ concurrency: 8, requestsPerMinute: 100, fixed: true }]);
  });
});

describe('gitlab first-time history is asked once per author, not once per author and month', () => {
  it('a second month with the same authors sends no history request', async () => {
    const d = new DataBuilder();
    d.mr('gitlab-org/gitlab', 'ann', '2026-09-05T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'ann', '2026-10-05T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'ben', '2026-09-06T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'ben', '2026-10-06T00:00:00Z');
    d.mr('gitlab-org/gitlab', 'ben', '2026-01-06T00:00:00Z');
    const h = harness(d.build());
    const history = () => h.fake.requests.filter((r) => r.query?.includes('PulseFirstTimeHistory')).length;
    const sep = await h.collect({ kind: 'first_time_contributors', group: 'gitlab-org' }, periodOf({ year: 2026, month: 9 }, 'UTC'));
    expect(sep.contributors?.map((c) => c.username)).toEqual(['ann']);
    const asked = history();
    const oct = await h.collect({ kind: 'first_time_contributors', group: 'gitlab-org' }, OCT_UTC);
    expect(oct.value).toBe(0);
    expect(history()).toBe(asked);
  });
});
