// Issue 18 item 4: an issue of a project that is not public (private or internal) is counted, but its
// title and link never reach the outcome — and so never the page, the PI data or the committed
// snapshot. GitLab's issue nodes carry only `projectId`; the collector asks each distinct project's
// `visibility` once per run, 100 projects a request (demo/fakes/gitlab/README.md cites the reference).
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import type { FakeIssue } from '@community-pulse/demo/fakes/gitlab/index';
import { BASE, DataBuilder, harness, TOKEN } from './harness.ts';

const OCT = periodOf({ year: 2026, month: 10 }, 'UTC');
const NOV = periodOf({ year: 2026, month: 11 }, 'UTC');
const QUERY = { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' };

const issue = (id: number, project: string, title: string, dueDate: string): FakeIssue => ({ id, iid: id, project, title, labels: ['Meetups'], state: 'opened', createdAt: '2026-01-01T00:00:00Z', dueDate });

function world() {
  return {
    ...new DataBuilder().build(),
    groups: ['gitlab-com', 'gitlab-com/marketing', 'gitlab-com/marketing/partners'],
    issues: [
      issue(1, 'gitlab-com/marketing/meetups', 'Berlin meetup', '2026-10-03'),
      issue(2, 'gitlab-com/marketing/partners/acme', 'Acme onsite (private)', '2026-10-09'),
      issue(3, 'gitlab-com/marketing/internal-events', 'Sales kickoff (internal)', '2026-10-15'),
      issue(4, 'gitlab-com/marketing/meetups', 'Paris meetup', '2026-11-04'),
      issue(5, 'gitlab-com/marketing/partners/acme', 'Acme roadmap day (private)', '2026-11-20'),
    ],
    projectVisibility: { 'gitlab-com/marketing/partners/acme': 'private' as const, 'gitlab-com/marketing/internal-events': 'internal' as const, 'gitlab-com/marketing/meetups': 'public' as const },
  };
}

describe('gitlab issues of projects that are not public', () => {
  it('are counted, keep only their date and a neutral label; public ones keep title and link', async () => {
    const h = harness(world());
    const outcome = await h.collect(QUERY, OCT);
    expect(outcome.value).toBe(3);
    const text = JSON.stringify(outcome);
    for (const hidden of ['Acme onsite', 'Sales kickoff', 'partners/acme', 'internal-events']) expect(text).not.toContain(hidden);
    expect(outcome.breakdown?.items.map((i) => [i.date, i.label, i.url ?? null])).toEqual([
      ['2026-10-03', 'Berlin meetup', `${BASE}/gitlab-com/marketing/meetups/-/issues/1`],
      ['2026-10-09', 'Issue in a non-public project', null],
      ['2026-10-15', 'Issue in a non-public project', null],
    ]);
    // Keys stay distinct without naming the issue.
    const keys = outcome.breakdown?.items.map((i) => i.key) ?? [];
    expect(new Set(keys).size).toBe(3);
    for (const key of keys.slice(1)) expect(key).toMatch(/^non-public-[0-9a-f]{12}$/);
  });

  it('a project the lookup does not return (not visible to the token) counts as not public', async () => {
    const data = world();
    const h = harness(data);
    // The fake answers projects(ids:) with every project it knows; drop the public one from the answer.
    const { server } = await import('../../msw-server.ts');
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.post(`${BASE}/api/graphql`, async ({ request }) => {
        const body = (await request.clone().json()) as { query?: string };
        if (!body.query?.includes('PulseProjectVisibility')) return undefined;
        return HttpResponse.json({ data: { projects: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } });
      }),
    );
    const outcome = await h.collect(QUERY, OCT);
    expect(outcome.value).toBe(3);
    expect(JSON.stringify(outcome)).not.toContain('Berlin meetup');
  });

  it('asks each distinct project once per run, in one request, whatever the months and metrics', async () => {
    const h = harness(world());
    await h.collect(QUERY, OCT);
    await h.collect(QUERY, NOV);
    await h.collect({ ...QUERY, date_field: 'created_at' }, OCT);
    const lookups = h.fake.requests.filter((r) => r.query?.includes('PulseProjectVisibility'));
    expect(lookups).toHaveLength(1);
    const ids = (lookups[0]?.variables?.ids ?? []) as string[];
    expect(ids.toSorted()).toEqual(ids.toSorted().filter((id) => /^gid:\/\/gitlab\/Project\/\d+$/.test(id)));
    expect(ids).toHaveLength(3);
  });

  it('the fake serves each visibility through projects(ids:) and Project.visibility, and 401 without a token', async () => {
    harness(world());
    const ask = (token: string | undefined) =>
      fetch(`${BASE}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: '{ project(fullPath: "gitlab-com/marketing/internal-events") { visibility } projects(first: 10) { nodes { id visibility } } }' }),
      });
    const res = await ask(TOKEN);
    const body = (await res.json()) as { data: { project: { visibility: string }; projects: { nodes: Array<{ visibility: string }> } } };
    expect(body.data.project.visibility).toBe('internal');
    expect(body.data.projects.nodes.map((n) => n.visibility).toSorted()).toEqual(['internal', 'private', 'public']);
    expect((await ask(undefined)).status).toBe(401);
  });
});
