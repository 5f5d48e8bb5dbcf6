// The benchmark's workload, generated deterministically from its parameters so the fake server
// (a child process) and the benchmark (which knows the true answers) build the same data.
//
// Shape, modelled on gitlab-org: each month `mrsPerMonth` merged MRs labelled Community
// contribution across a group and its subgroups, written by about 17% as many people (≈170
// people for 1,000 MRs, like the real KPI); a third of each month's people contributed in an
// earlier month (returning), two thirds are new. About 2% of MRs come from bots (some flagged,
// some only recognisable by username). Merge times are whole seconds, uniformly spread in the month.
import { addMonths, periodOf, type MonthRef, type Period } from '../src/periods/periods.ts';
import type { FakeGitlabData, FakeMergeRequest, FakeUser } from '@community-pulse/demo/fakes/gitlab/data';
import { prng } from '../test/support/prng.ts';

export const BENCH_TOKEN = 'glpat-bench-token-000';
export const BENCH_GROUP = 'gitlab-org';
export const BENCH_LABEL = 'Community contribution';
/** The last month of the workload; earlier months count back from it. */
const LAST_MONTH: MonthRef = { year: 2026, month: 10 };
const PROJECTS = ['gitlab-org/gitlab', 'gitlab-org/gitlab-runner', 'gitlab-org/cli', 'gitlab-org/sub/tool', 'gitlab-org/sub/deep/lib', 'gitlab-org/gitaly'];
const BOTS: FakeUser[] = [
  { id: 1, username: 'gitlab-bot', name: 'GitLab Bot', bot: true },
  { id: 2, username: 'project_278964_bot_3d9e8c1f', name: 'Release token', bot: true },
  { id: 3, username: 'renovate-bot', name: 'Renovate' },
  { id: 4, username: 'service_account_group_9970_8f2e', name: 'Docs sync' },
  { id: 5, username: 'dependency_bot', name: 'Dependency updater' },
];

export interface WorkloadOptions {
  months: number;
  mrsPerMonth: number;
  seed?: number;
}

export interface MonthTruth {
  period: Period;
  /** Every community MR the API returns for the window, bots included (sets the request minimum). */
  apiMrs: number;
  humanMrs: number;
  humanAuthors: number;
  firstTimeAuthors: number;
}

export interface Workload {
  data: FakeGitlabData;
  truth: MonthTruth[];
}

export function benchPeriods(months: number): Period[] {
  return Array.from({ length: months }, (_, i) => periodOf(addMonths(LAST_MONTH, i - months + 1), 'UTC'));
}

export function generateWorkload({ months, mrsPerMonth, seed = 42 }: WorkloadOptions): Workload {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const users: FakeUser[] = [...BOTS];
  const mergeRequests: FakeMergeRequest[] = [];
  const iids = new Map<string, number>();
  const pool: FakeUser[] = [];
  const truth: MonthTruth[] = [];

  for (const period of benchPeriods(months)) {
    const people = Math.max(1, Math.round(mrsPerMonth * 0.17));
    const returningCount = pool.length === 0 ? 0 : Math.min(pool.length, Math.round(people / 3));
    const monthAuthors = new Set<FakeUser>();
    while (monthAuthors.size < returningCount) monthAuthors.add(pick(pool));
    let firstTime = 0;
    while (monthAuthors.size < people) {
      const id = users.length + 1;
      const user: FakeUser = { id, username: `contributor${id}`, name: `Contributor ${id}` };
      users.push(user);
      pool.push(user);
      monthAuthors.add(user);
      firstTime++;
    }
    const authors = [...monthAuthors];
    const span = period.end.getTime() - period.start.getTime();
    let humanMrs = 0;
    for (let i = 0; i < mrsPerMonth; i++) {
      // Every person of the month gets at least one MR; the rest go to random people (or bots).
      const bot = i >= authors.length && random() < 0.02;
      const author = bot ? pick(BOTS) : i < authors.length ? (authors[i] as FakeUser) : pick(authors);
      if (!bot) humanMrs++;
      const project = pick(PROJECTS);
      const iid = (iids.get(project) ?? 0) + 1;
      iids.set(project, iid);
      const mergedAt = new Date(period.start.getTime() + Math.floor((random() * span) / 1000) * 1000).toISOString();
      mergeRequests.push({ id: mergeRequests.length + 1, iid, project, authorId: author.id, state: 'merged', labels: [BENCH_LABEL], mergedAt });
    }
    truth.push({ period, apiMrs: mrsPerMonth, humanMrs, humanAuthors: authors.length, firstTimeAuthors: firstTime });
  }
  return {
    data: { groups: ['gitlab-org', 'gitlab-org/sub', 'gitlab-org/sub/deep'], users, mergeRequests, tokens: [{ value: BENCH_TOKEN, scopes: ['read_api'] }] },
    truth,
  };
}
