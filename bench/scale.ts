// `npm run bench -- --scale-only` or `node bench/scale.ts [--months 24]`: the GitLab kinds of
// examples/goals.yml at gitlab-org's volume, against the fake GitLab in this process (msw, no
// latency). Figures go into docs/scale.md.
//
// World per month: ~6,000 merged MRs in the group, ~1,000 of them labelled "Community contribution"
// (by ~400 authors, a quarter of them new), 3 notes each (system, author, reviewer), a release
// milestone due on the 15th, 10 meetup issues; ~2,500 open community MRs spread over two years.
//
// Method: requests are counted at the fake, per kind (each kind alone, a fresh collector) and for
// all kinds together (one collector, as a run shares windows). Wall time is the time measured
// here (no network: CPU and the fake's work) and, under a rate limit of L requests a minute, the
// simulated time max(measured, floor((N − 1) / L) minutes) — a sliding window lets the first L go
// at once and each later L a minute after the previous L. No real waiting. Peak memory is the
// process's RSS, fake data included (stated beside the figure).
//
// Baseline in the same run: the same months collected one month at a time (no range walks, as
// the per-month fallback and the previous release do), against the range backfill.
import { parseArgs } from 'node:util';
import { setupServer } from 'msw/node';
import { createHttpClient } from '../src/http/client.ts';
import { memoryLogger } from '../src/log.ts';
import { SecretMasker } from '../src/secrets.ts';
import { gitlabSource } from '../src/sources/gitlab/index.ts';
import type { SourceContext } from '../src/sources/types.ts';
import { addMonths, periodOf, type Period } from '../src/periods/periods.ts';
import { createFakeGitlab, type FakeGitlabData, type FakeIssue, type FakeMergeRequest, type FakeMilestone, type FakeUser } from '@community-pulse/demo/fakes/gitlab/index';
import { prng } from '@community-pulse/demo/prng';

const { values: args } = parseArgs({ options: { months: { type: 'string', default: '24' }, community: { type: 'string', default: '1000' }, team: { type: 'string', default: '5000' } } });
const MONTHS = Number(args.months);
const COMMUNITY_PER_MONTH = Number(args.community);
const TEAM_PER_MONTH = Number(args.team);
const OPEN_COMMUNITY = 2500;
const BASE = 'https://gitlab.bench';
const TOKEN = 'glpat-bench-token';
const LABEL = 'Community contribution';
const LAST = { year: 2026, month: 10 };
const ZONE = 'UTC';

function world(): FakeGitlabData {
  const rnd = prng(42);
  const users: FakeUser[] = [];
  const user = (username: string) => {
    const u = { id: users.length + 1, username, name: username };
    users.push(u);
    return u;
  };
  const reviewer = user('maintainer');
  const team = Array.from({ length: 300 }, (_, i) => user(`team${i}`));
  const community: FakeUser[] = [];
  const mrs: FakeMergeRequest[] = [];
  const iids = new Map<string, number>();
  const projects = ['gitlab-org/gitlab', 'gitlab-org/gitlab-runner', 'gitlab-org/cli', 'gitlab-org/charts/gitlab', 'gitlab-org/gitaly'];
  const add = (mr: Omit<FakeMergeRequest, 'id' | 'iid'>) => {
    const iid = (iids.get(mr.project) ?? 0) + 1;
    iids.set(mr.project, iid);
    mrs.push({ ...mr, id: mrs.length + 1, iid });
  };
  const milestones: FakeMilestone[] = [];
  const issues: FakeIssue[] = [];
  // Four months before the first reported one: retention's cohorts and first-time history.
  for (let m = -(MONTHS + 3); m <= 0; m++) {
    const { year, month } = addMonths(LAST, m);
    const label = `${year}-${String(month).padStart(2, '0')}`;
    const release = `${17 + Math.floor((m + 100) / 12) - 8}.${(m + 120) % 12}`;
    milestones.push({ id: milestones.length + 1, title: release, group: 'gitlab-org', dueDate: `${label}-15` });
    const day = () => `${label}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:00:00Z`;
    for (let i = 0; i < COMMUNITY_PER_MONTH; i++) {
      // ~400 authors a month: a quarter new people, the rest from the pool.
      const author = community.length < 100 || rnd() < 0.1 ? user(`c${community.length}`) : (community[Math.floor(rnd() * community.length)] ?? reviewer);
      if (!community.includes(author)) community.push(author);
      const mergedAt = day();
      const createdAt = new Date(Date.parse(mergedAt) - (1 + rnd() * 20) * 86_400_000).toISOString();
      add({
        project: projects[i % projects.length] ?? 'gitlab-org/gitlab',
        authorId: author.id,
        state: 'merged',
        labels: [LABEL],
        mergedAt,
        createdAt,
        milestone: release,
        notes: [
          { authorId: author.id, createdAt, system: true },
          { authorId: author.id, createdAt: new Date(Date.parse(createdAt) + 3_600_000).toISOString() },
          { authorId: reviewer.id, createdAt: new Date(Date.parse(createdAt) + (2 + rnd() * 48) * 3_600_000).toISOString() },
        ],
      });
    }
    for (let i = 0; i < TEAM_PER_MONTH; i++) add({ project: projects[i % projects.length] ?? 'gitlab-org/gitlab', authorId: (team[i % team.length] ?? reviewer).id, state: 'merged', labels: ['type::feature'], mergedAt: day() });
    for (let i = 0; i < 10; i++)
      issues.push({
        id: issues.length + 1,
        iid: issues.length + 1,
        project: 'gitlab-com/marketing/meetups',
        title: `Meetup ${label} ${i}`,
        labels: ['Meetups'],
        state: 'opened',
        createdAt: `${label}-01T00:00:00Z`,
        dueDate: `${label}-${String(1 + i * 2).padStart(2, '0')}`,
      });
  }
  for (let i = 0; i < OPEN_COMMUNITY; i++) {
    const createdAt = new Date(Date.UTC(2024, 10, 1) + rnd() * 730 * 86_400_000).toISOString();
    add({ project: projects[i % projects.length] ?? 'gitlab-org/gitlab', authorId: (community[i % community.length] ?? reviewer).id, state: 'opened', labels: [LABEL], createdAt });
  }
  return { groups: ['gitlab-org', 'gitlab-org/charts', 'gitlab-com', 'gitlab-com/marketing'], users, mergeRequests: mrs, tokens: [{ value: TOKEN, scopes: ['read_api'] }], milestones, issues };
}

/** The GitLab metrics of examples/goals.yml. */
const KINDS: Record<string, Record<string, unknown>> = {
  'wider-community-contributors': { kind: 'merged_mr_authors', group: 'gitlab-org', labels: [LABEL] },
  'merged-community-mrs': { kind: 'merged_mrs', groups: ['gitlab-org', 'gitlab-com'], labels: [LABEL] },
  'first-time-contributors': { kind: 'first_time_contributors', group: 'gitlab-org', labels: [LABEL] },
  'returning-contributors': { kind: 'returning_contributors', group: 'gitlab-org', labels: [LABEL] },
  'contributor-retention': { kind: 'contributor_retention', group: 'gitlab-org', labels: [LABEL], within_months: 3 },
  'community-mrs-per-release': { kind: 'merged_mrs_per_milestone', group: 'gitlab-org', labels: [LABEL] },
  'community-mr-time-to-merge': { kind: 'time_to_merge', group: 'gitlab-org', labels: [LABEL] },
  'community-mr-time-to-first-review': { kind: 'time_to_first_review', group: 'gitlab-org', labels: [LABEL] },
  'open-community-mr-age': { kind: 'open_mr_age', group: 'gitlab-org', labels: [LABEL] },
  meetups: { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' },
};

/** Requests each kind cannot do without, from the data (pages of 100 of what it must read). */
function minimum(kind: string, data: FakeGitlabData, reported: readonly Period[]): number {
  // Retention also reads the three months before each cohort month.
  const first = reported[0];
  const periods = kind === 'contributor_retention' && first ? [...[3, 2, 1].map((k) => periodOf(addMonths(first, -k), ZONE)), ...reported] : reported;
  const within = (months: readonly Period[]) => (at: string | undefined) => at !== undefined && months.some((p) => Date.parse(at) >= p.start.getTime() && Date.parse(at) < p.end.getTime());
  const inPeriods = within(periods);
  const merged = data.mergeRequests.filter((mr) => mr.labels.includes(LABEL) && inPeriods(mr.mergedAt));
  // Retention asks first-time history for its cohort months only: the months before the last.
  const cohortMonths = kind === 'contributor_retention' ? within(periods.slice(0, -1)) : inPeriods;
  const authors = new Set(merged.filter((mr) => cohortMonths(mr.mergedAt)).map((mr) => mr.authorId)).size;
  const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
  const lastEnd = reported.at(-1)?.end.getTime() ?? 0;
  const firstEnd = reported[0]?.end.getTime() ?? 0;
  switch (kind) {
    case 'merged_mr_authors':
    case 'merged_mrs':
    case 'time_to_merge':
      return pages(merged.length);
    case 'first_time_contributors':
    case 'returning_contributors':
    case 'contributor_retention':
      // The window pages plus one earliest-MR answer per author (20 aliases a request).
      return pages(merged.length) + Math.ceil(authors / 20);
    case 'time_to_first_review':
      // The window pages plus every MR's notes (8 MRs a request, GitLab's complexity limit).
      return pages(merged.length) + Math.ceil(merged.length / 8);
    case 'merged_mrs_per_milestone':
      return 1 + periods.length * pages(COMMUNITY_PER_MONTH);
    case 'open_mr_age': {
      // Open now, merged after the first end, closed after it: each created before the last end.
      const community = data.mergeRequests.filter((mr) => mr.labels.includes(LABEL) && Date.parse(mr.createdAt ?? mr.mergedAt ?? '') < lastEnd);
      const open = community.filter((mr) => mr.state === 'opened').length;
      const mergedAfter = community.filter((mr) => mr.mergedAt !== undefined && Date.parse(mr.mergedAt) >= firstEnd).length;
      return pages(open) + pages(mergedAfter) + 1;
    }
    default: {
      // issues: every meetup due in the range, 100 a page, plus the visibility of their distinct
      // projects (100 a request, once per run): a non-public project's titles are never kept.
      const dueIssues = (data.issues ?? []).filter((i) => i.dueDate !== undefined && reported.some((p) => i.dueDate?.slice(0, 7) === p.label));
      return pages(dueIssues.length) + Math.ceil(new Set(dueIssues.map((i) => i.project)).size / 100);
    }
  }
}

function context(): SourceContext {
  const masker = new SecretMasker();
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, random: () => 0.5 });
  return { http, log, now: () => new Date('2026-11-02T06:00:00Z'), secret: () => TOKEN };
}

const config = gitlabSource.configSchema.parse({ type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 20);

async function measure(fake: ReturnType<typeof createFakeGitlab>, kinds: string[], periods: readonly Period[], mode: 'range' | 'monthly'): Promise<{ requests: number; ms: number }> {
  const before = fake.requestCount();
  const started = performance.now();
  const collector = gitlabSource.createCollector(context(), 'gitlab', config);
  const metrics = kinds.map((id) => ({ id, query: gitlabSource.querySchema.parse(KINDS[id]) }));
  if (mode === 'range') {
    for (const m of metrics) collector.prefetch?.(m, periods);
    await Promise.all(metrics.flatMap((m) => periods.map((p) => collector.collect(m, p))));
  } else {
    // One month at a time, a fresh collector per month: what separate monthly runs cost.
    for (const p of periods) {
      const monthly = gitlabSource.createCollector(context(), 'gitlab', config);
      await Promise.all(metrics.map((m) => monthly.collect(m, p)));
    }
  }
  sample();
  return { requests: fake.requestCount() - before, ms: performance.now() - started };
}

const simulated = (requests: number, ms: number, perMinute: number) => Math.max(ms, Math.floor(Math.max(0, requests - 1) / perMinute) * 60_000);
const fmt = (ms: number) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

const data = world();
const fake = createFakeGitlab(data, { record: false, now: () => new Date('2026-11-02T06:00:00Z') });
const server = setupServer(...fake.handlers(BASE));
server.listen();
const periods = Array.from({ length: MONTHS }, (_, i) => periodOf(addMonths(LAST, -(MONTHS - 1) + i), ZONE));
const last = periods.slice(-1);
console.log(`GitLab kinds of examples/goals.yml at gitlab-org volume: ${COMMUNITY_PER_MONTH} community MRs of ${COMMUNITY_PER_MONTH + TEAM_PER_MONTH} merged a month, ${OPEN_COMMUNITY} open community MRs, ${data.mergeRequests.length} MRs in the fake`);
console.log('');
console.log(`kind (each alone)                                    | monthly run: requests (minimum) | ${MONTHS}-month backfill: range (minimum) | one month at a time`);
let totals = { month: 0, range: 0, perMonth: 0 };
for (const id of Object.keys(KINDS)) {
  const kind = String(KINDS[id]?.kind);
  const monthly = await measure(fake, [id], last, 'range');
  const range = await measure(fake, [id], periods, 'range');
  const perMonth = await measure(fake, [id], periods, 'monthly');
  totals = { month: totals.month + monthly.requests, range: totals.range + range.requests, perMonth: totals.perMonth + perMonth.requests };
  console.log(`${`${id} (${kind})`.padEnd(53)}| ${`${monthly.requests} (${minimum(kind, data, last)})`.padStart(31)} | ${`${range.requests} (${minimum(kind, data, periods)})`.padStart(34)} | ${String(perMonth.requests).padStart(19)}`);
}
console.log(`${'sum of the kinds alone'.padEnd(53)}| ${String(totals.month).padStart(31)} | ${String(totals.range).padStart(34)} | ${String(totals.perMonth).padStart(19)}`);
console.log('');
const all = Object.keys(KINDS);
const runMonth = await measure(fake, all, last, 'range');
const runRange = await measure(fake, all, periods, 'range');
const runPerMonth = await measure(fake, all, periods, 'monthly');
console.log('all GitLab kinds together (one collector: windows shared between kinds)');
console.log('  run                          | requests | measured | at 2,000/min | at 100/min');
for (const [name, r] of [
  ['monthly run', runMonth],
  [`${MONTHS}-month backfill (range)`, runRange],
  [`${MONTHS} months one at a time`, runPerMonth],
] as const) {
  console.log(`  ${name.padEnd(29)}| ${String(r.requests).padStart(8)} | ${fmt(r.ms).padStart(8)} | ${fmt(simulated(r.requests, r.ms, 2000)).padStart(12)} | ${fmt(simulated(r.requests, r.ms, 100)).padStart(10)}`);
}
clearInterval(timer);
sample();
console.log(`\npeak RSS of this process (fake GitLab's ${data.mergeRequests.length} MRs included): ${(peakRss / 1048576).toFixed(0)} MB`);
server.close();
