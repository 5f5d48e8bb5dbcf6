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
import type { FakeIssue } from '../../../src/demo/fakes/gitlab/index.ts';
import { complexityOf } from '../../fakes/gitlab-complexity.ts';
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
  const issues: FakeIssue[] = [
    { id: 1, iid: 1, project: 'gitlab-com/marketing/meetups', title: 'Meetup', labels: ['Meetups'], state: 'closed', createdAt: '2026-10-02T00:00:00Z', closedAt: '2026-10-20T00:00:00Z', dueDate: '2026-10-31' },
  ];
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
  it('are valid against the schema transcribed from GitLab\'s reference, and score at most 200', async () => {
    const sent = await sentDocuments();
    const names = new Set(sent.map((s) => /query (\w+)/.exec(s.query)?.[1]));
    // Every document the source has was exercised.
    expect([...names].sort()).toEqual(['PulseFirstReview', 'PulseFirstTimeHistory', 'PulseIssues', 'PulseMergedMrs', 'PulseMilestoneMrs', 'PulseMilestones', 'PulseOpenAt', 'PulseVerify']);
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
