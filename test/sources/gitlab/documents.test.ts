// Every GraphQL document the gitlab collectors send, captured from a run of every kind (monthly and
// backfill) and the verify step against the fake: each must validate against the schema slice
// transcribed from GitLab's reference (test/fakes/gitlab-schema.graphql) — a field or argument
// GitLab does not have fails here — and score at most 200 by GitLab's own complexity rules
// (test/fakes/gitlab-complexity.ts; GitLab refuses above 250 for a signed-in user).
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { gitlabSource } from '../../../src/sources/gitlab/index.ts';
import type { FakeIssue } from '@community-pulse/demo/fakes/gitlab/index';
import { complexityOf } from '../../fakes/gitlab-complexity.ts';
import { repoFileSource } from '../../../src/sources/repo-file/index.ts';
import { gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { server } from '../../msw-server.ts';
import { harness as sourceHarness } from '../youtube/harness.ts';
import { HEROES_YAML } from '../repo-file/fixtures.ts';
import { BASE, DataBuilder, harness } from './harness.ts';

const schema = buildSchema(readFileSync(new URL('../../fakes/gitlab-schema.graphql', import.meta.url), 'utf8'));
const MAX_COMPLEXITY = 200;
const month = (m: number) => periodOf({ year: 2026, month: m }, 'Europe/Berlin');

function world() {
  const d = new DataBuilder();
  for (let i = 0; i < 23; i++) {
    const mr = d.mr(i % 3 === 0 ? 'gitlab-org/sub/tool' : 'gitlab-org/gitlab', `dev${i}`, `2026-10-${String((i % 27) + 1).padStart(2, '0')}T10:00:00Z`);
    mr.createdAt = '2026-09-20T10:00:00Z';
    mr.notes = [{ authorId: d.user('reviewer').id, createdAt: '2026-09-21T10:00:00Z' }];
    mr.milestone = '17.5';
  }
  d.mr('gitlab-org/gitlab', 'dev1', '2026-08-03T10:00:00Z');
  d.mr('gitlab-org/gitlab', 'dev2', '2026-09-03T10:00:00Z');
  const open = d.mr('gitlab-org/gitlab', 'dev5', '', { state: 'opened' });
  open.createdAt = '2026-07-01T00:00:00Z';
  const issues: FakeIssue[] = [{ id: 1, iid: 1, project: 'gitlab-com/marketing/meetups', title: 'Meetup', labels: ['Meetups'], state: 'closed', createdAt: '2026-10-02T00:00:00Z', closedAt: '2026-10-20T00:00:00Z', dueDate: '2026-10-31' }];
  return {
    ...d.build(),
    groups: [...d.groups, 'gitlab-com/marketing'],
    issues,
    milestones: [{ id: 1, title: '17.5', group: 'gitlab-org', dueDate: '2026-10-15' }],
  };
}

const KINDS: Array<Record<string, unknown>> = [
  { kind: 'merged_mrs', group: 'gitlab-org' },
  { kind: 'merged_mr_authors', groups: ['gitlab-org', 'gitlab-com'] },
  { kind: 'first_time_contributors', group: 'gitlab-org' },
  { kind: 'returning_contributors', group: 'gitlab-org' },
  { kind: 'contributor_retention', group: 'gitlab-org', within_months: 2 },
  { kind: 'time_to_merge', group: 'gitlab-org' },
  { kind: 'time_to_first_review', group: 'gitlab-org' },
  { kind: 'merged_mrs_per_milestone', group: 'gitlab-org' },
  { kind: 'open_mr_age', group: 'gitlab-org' },
  { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date', state: 'closed' },
  { kind: 'issues', project: 'gitlab-com/marketing/meetups', labels: ['Meetups'], date_field: 'created_at' },
  { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'closed_at' },
];

async function sentDocuments() {
  const h = harness(world());
  const config = gitlabSource.configSchema.parse({ type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
  const queries = KINDS.map((q) => gitlabSource.querySchema.parse(q));
  await gitlabSource.verify?.(h.ctx, 'gitlab', config, queries);
  // A monthly run, then a backfill of three months through prefetch.
  for (const query of KINDS) await h.collect(query, month(10));
  const backfill = gitlabSource.createCollector(h.ctx, 'gitlab', config);
  const months = [month(8), month(9), month(10)];
  for (const [i, query] of KINDS.entries()) backfill.prefetch?.({ id: `m${i}`, query: gitlabSource.querySchema.parse(query) }, months);
  for (const [i, query] of KINDS.entries()) for (const p of months) await backfill.collect({ id: `m${i}`, query: gitlabSource.querySchema.parse(query) }, p);
  return h.fake.requests.filter((r) => r.api === 'graphql' && r.query !== undefined).map((r) => ({ query: r.query ?? '', variables: r.variables ?? {} }));
}

describe('the GraphQL documents the gitlab collectors send', () => {
  it("are valid against the schema transcribed from GitLab's reference, and score at most 200", async () => {
    const sent = await sentDocuments();
    const names = new Set(sent.map((s) => /query (\w+)/.exec(s.query)?.[1]));
    // Every document the source has was exercised.
    expect([...names].sort()).toEqual(['PulseFirstReview', 'PulseFirstTimeHistory', 'PulseIssues', 'PulseMergedMrs', 'PulseMilestoneMrs', 'PulseMilestones', 'PulseOpenAt', 'PulseProjectVisibility', 'PulseVerify']);
    const problems: string[] = [];
    for (const { query, variables } of sent) {
      const name = /query (\w+)/.exec(query)?.[1] ?? '?';
      for (const error of validate(schema, parse(query))) problems.push(`${name}: ${error.message}`);
      const score = complexityOf(schema, query, variables);
      if (score > MAX_COMPLEXITY) problems.push(`${name}: complexity ${score} > ${MAX_COMPLEXITY}`);
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('the scorer follows GitLab: 10 aliased notes(first: 100) connections score 220', () => {
    const fields = Array.from({ length: 10 }, (_, i) => `m${i}: project(fullPath: "a/b") { mergeRequest(iid: "1") { notes(first: 100) { pageInfo { hasNextPage endCursor } nodes { system createdAt author { username bot } } } } }`);
    expect(complexityOf(schema, `query { ${fields.join(' ')} }`)).toBe(220);
  });
});

/** The README's endpoint table: method, path pattern (`:name` one segment), allowed query parameters. */
function endpointTable(): Array<{ method: string; path: RegExp; params: string[] }> {
  const readme = readFileSync(new URL('../../../src/sources/gitlab/README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Endpoints the collectors call'));
  return section
    .split('\n')
    .filter((line) => /^\| (GET|POST|PUT|HEAD|DELETE) \|/.test(line))
    .map((line) => {
      const [method = '', path = '', params = ''] = line
        .split('|')
        .slice(1)
        .map((c) => c.trim());
      const pattern = new RegExp(`^${path.replace(/[.*+?^${}()[\]\\]/g, '\\$&').replace(/:[a-z_]+/g, '[^/]+')}$`);
      return { method, path: pattern, params: params.startsWith('(') ? [] : params.split(',').map((p) => p.trim()) };
    });
}

describe('the HTTP endpoints the collectors call', () => {
  it('are all in the README table, with only the parameters it lists', async () => {
    const seen: Array<{ method: string; url: URL }> = [];
    const record = ({ request }: { request: Request }) => void seen.push({ method: request.method, url: new URL(request.url) });
    server.events.on('request:start', record);
    try {
      await sentDocuments();
      // The other collector that talks to GitLab: repo-file reads a file's raw text.
      const GITLAB = 'https://gitlab.test';
      server.use(...gitlabRepoHandlers(GITLAB, gitlabRepoFake({ projects: { 'g/heroes': { id: 1, visibility: 'public', branches: { main: { 'data/a.yml': HEROES_YAML } } } }, tokens: [] })));
      const h = sourceHarness({});
      const c = repoFileSource.createCollector(h.ctx, 'heroes', { type: 'repo-file', url: GITLAB, project: 'g/heroes' });
      await c.collect({ id: 'm', query: { kind: 'count_entries', file: 'data/a.yml' } }, month(10));
    } finally {
      server.events.removeListener('request:start', record);
    }
    const table = endpointTable();
    expect(table.length).toBeGreaterThan(1);
    const unlisted = seen
      .filter(({ method, url }) => {
        const row = table.find((r) => r.method === method && r.path.test(url.pathname));
        return !row || [...url.searchParams.keys()].some((k) => !row.params.includes(k));
      })
      .map(({ method, url }) => `${method} ${url.pathname}?${[...url.searchParams.keys()].join('&')}`);
    expect(seen.length).toBeGreaterThan(10);
    expect([...new Set(unlisted)]).toEqual([]);
  });
});
