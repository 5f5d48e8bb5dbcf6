// The demo's month at a real DevRel team's scale: generated (seeded, so every run is the same)
// GitLab merge requests, review notes, open MRs, meetup issues and heroes activities, added ON TOP
// of the small hand-counted world in world.ts. Only the demo asks for it; the tests' world stays
// small. The collectors count these records over real HTTP like any others; `expected` is what
// they must find, tallied here from the records themselves (hand-counted part + generated part).
import type { FakeIssue, FakeMergeRequest, FakeUser } from './fakes/gitlab/data.ts';
import { prng } from './prng.ts';
import { organisationExpected } from './organisations.ts';

const CC = ['Community contribution'];
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The hand-counted world's share of each statistic (see EXPECTED_OCTOBER's comments in world.ts). */
const HAND = {
  timeToMergeDays: [2, 5, 5, 10],
  firstReviewHours: [4, 8, 12],
  openAgeDays: [21, 7],
  /** July 2026 cohort: frank and gina; frank came back. */
  cohort: { size: 2, retained: 1 },
};

const FIRST = [
  'Ana',
  'Ben',
  'Chen',
  'Dara',
  'Eli',
  'Fatima',
  'Gabriel',
  'Hana',
  'Ivan',
  'Jun',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Viktor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Aiko',
  'Bruno',
  'Carmen',
  'Dmitri',
];
const LAST = ['Okafor', 'Schmidt', 'Tanaka', 'Silva', 'Nowak', 'Haddad', 'Kim', 'Rossi', 'Novak', 'Mensah', 'Lindqvist', 'Patel', 'Garcia', 'Ivanova', 'Moreau', 'Yilmaz', 'Nguyen', 'Kowalski', 'Costa', 'Adeyemi', 'Berg', 'Fischer', 'Sato', 'Rahman', 'Duarte'];
const CITIES = ['Amsterdam', 'Austin', 'Bangalore', 'Cape Town', 'Dublin', 'Kraków', 'Mexico City', 'Nairobi', 'Seoul', 'Sydney', 'Toronto', 'Warsaw', 'Tokyo', 'Paris'];
const ORG_PROJECTS = ['gitlab-org/gitlab', 'gitlab-org/gitlab', 'gitlab-org/gitlab', 'gitlab-org/gitlab-runner', 'gitlab-org/gitaly', 'gitlab-org/gitlab-development-kit', 'gitlab-org/cli'];

export interface DemoBulk {
  /** Display names for the hand-counted world's people (its names test escaping; the demo's read like people). */
  renames: Record<string, string>;
  users: FakeUser[];
  mergeRequests: FakeMergeRequest[];
  issues: FakeIssue[];
  /** YAML lines to append to the heroes activity file. */
  heroesEntries: string;
  /** metric id → what a correct run of examples/goals.yml for 2026-10 finds in the generated records alone. */
  counts: { contributors: number; mergedMrs: number; firstTime: number; returning: number; perRelease: number; meetups: number; talks: number; posts: number; cohortSize: number; cohortRetained: number };
  timeToMergeDays: number[];
  firstReviewHours: number[];
  openAgeDays: number[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const at = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** A uniformly random instant in [from, to) (epoch ms), on a whole hour. */
function between(random: () => number, from: number, to: number): number {
  return from + Math.floor((random() * (to - from)) / HOUR) * HOUR;
}

/** A skewed positive duration with the given median: log-normal with spread `sigma`. */
function skewed(random: () => number, median: number, sigma: number): number {
  const u = Math.max(random(), 1e-9);
  const v = random();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/** Releases: 17.4 is due Sep 17, 17.5 Oct 15, 17.6 Nov 19 (the world's milestones); an MR gets the next one due. */
function milestoneFor(mergedAt: number): string | undefined {
  if (mergedAt <= at('2026-09-17') + DAY - 1 && mergedAt >= at('2026-08-20')) return '17.4';
  if (mergedAt > at('2026-09-17') + DAY - 1 && mergedAt < at('2026-10-16')) return '17.5';
  if (mergedAt >= at('2026-10-16') && mergedAt < at('2026-11-20')) return '17.6';
  return undefined;
}

export function demoBulk(seed = 2026): DemoBulk {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const users: FakeUser[] = [];
  const names = new Set<string>();
  const newUser = (): FakeUser => {
    let first = pick(FIRST);
    let last = pick(LAST);
    while (names.has(`${first} ${last}`)) {
      first = pick(FIRST);
      last = pick(LAST);
    }
    names.add(`${first} ${last}`);
    const user = { id: 1000 + users.length, username: `${first}.${last}`.toLowerCase(), name: `${first} ${last}` };
    users.push(user);
    return user;
  };
  const reviewers = Array.from({ length: 12 }, () => newUser());
  const mrs: FakeMergeRequest[] = [];
  const iids = new Map<string, number>();
  let id = 10_000;
  const addMr = (mr: Omit<FakeMergeRequest, 'id' | 'iid'>): FakeMergeRequest => {
    const iid = (iids.get(mr.project) ?? 1000) + 1;
    iids.set(mr.project, iid);
    const full = { id: id++, iid, ...mr };
    mrs.push(full);
    return full;
  };
  const merged = (authorId: number, mergedAt: number, project = pick(ORG_PROJECTS)) => {
    const milestone = project.startsWith('gitlab-org/') ? milestoneFor(mergedAt) : undefined;
    return addMr({ project, authorId, state: 'merged', labels: CC, mergedAt: iso(mergedAt), ...(milestone ? { milestone } : {}) });
  };

  // Veterans: first merged MR in the first half of 2025, so they belong to no recent cohort.
  const veterans = Array.from({ length: 134 }, () => newUser());
  for (const v of veterans) merged(v.id, between(random, at('2025-01-01'), at('2025-07-01')));
  // Their later work before October (some of it in the 17.4 and 17.5 releases).
  for (let i = 0; i < 420; i++) merged(pick(veterans).id, between(random, at('2025-07-01'), at('2026-10-01')));
  // Release 17.5 took MRs from the day after 17.4 was due (Sep 17) to its own due date (Oct 15).
  for (let i = 0; i < 120; i++) merged(pick(veterans).id, between(random, at('2026-09-18'), at('2026-10-01')));

  // The July 2026 cohort of first-time contributors; some came back within three months.
  const cohort = Array.from({ length: 38 }, () => newUser());
  for (const c of cohort) merged(c.id, between(random, at('2026-07-01'), at('2026-08-01')));
  const backInOctober = cohort.slice(0, 6);
  const backEarlier = cohort.slice(6, 14);
  for (const c of backEarlier) merged(c.id, between(random, at('2026-08-01'), at('2026-10-01')));

  // October's first-timers and authors: every veteran did not come back this month.
  const firstTimers = Array.from({ length: 41 }, () => newUser());
  const octoberAuthors = [...veterans.slice(0, 127), ...backInOctober, ...firstTimers];
  const timeToMergeDays: number[] = [];
  const firstReviewHours: number[] = [];
  const october = (authorId: number) => {
    const mergedAt = between(random, at('2026-10-01'), at('2026-11-01'));
    const hoursOpen = Math.max(2, Math.round(skewed(random, 9 * 24, 0.8)));
    const createdAt = mergedAt - hoursOpen * HOUR;
    const reviewHours = Math.max(1, Math.min(hoursOpen - 1, Math.round(skewed(random, 30, 0.9))));
    const notes = [
      { authorId, createdAt: iso(createdAt + HOUR / 2) },
      { authorId: pick(reviewers).id, createdAt: iso(createdAt + reviewHours * HOUR) },
    ];
    const mr = merged(authorId, mergedAt);
    mr.createdAt = iso(createdAt);
    mr.notes = notes;
    timeToMergeDays.push(Math.round((hoursOpen / 24) * 100) / 100);
    firstReviewHours.push(reviewHours);
  };
  for (const author of octoberAuthors) {
    // Most people merge one or two; a few regulars merge a dozen.
    const count = 1 + Math.floor(-Math.log(Math.max(random(), 1e-9)) * (firstTimers.includes(author) ? 0.6 : 4.2));
    for (let i = 0; i < count; i++) october(author.id);
  }
  // gitlab-com: the website and handbook, counted only by merged-community-mrs.
  let gitlabCom = 0;
  for (let i = 0; i < 115; i++) {
    addMr({ project: pick(['gitlab-com/www', 'gitlab-com/runbooks']), authorId: pick(veterans).id, state: 'merged', labels: CC, mergedAt: iso(between(random, at('2026-10-01'), at('2026-11-01'))) });
    gitlabCom++;
  }
  // Still open at the end of October: a long tail of MRs waiting for review.
  const openAgeDays: number[] = [];
  for (let i = 0; i < 64; i++) {
    const age = Math.max(1, Math.round(skewed(random, 28, 0.7)));
    addMr({ project: pick(ORG_PROJECTS), authorId: pick(veterans).id, state: 'opened', labels: CC, createdAt: iso(at('2026-11-01') - age * DAY) });
    openAgeDays.push(age);
  }

  const issues: FakeIssue[] = [];
  const cities = [...CITIES];
  for (let i = 0; i < 10; i++) {
    const city = cities.splice(Math.floor(random() * cities.length), 1)[0] ?? 'Online';
    const due = `2026-10-${String(2 + Math.floor(random() * 28)).padStart(2, '0')}`;
    issues.push({ id: 100 + i, iid: 100 + i, project: 'gitlab-com/marketing/meetups', title: `GitLab Meetup ${city}`, labels: ['Meetups'], state: 'closed', createdAt: '2026-09-05T09:00:00Z', closedAt: `${due}T20:00:00Z`, dueDate: due });
  }

  const heroes: string[] = [];
  const talks = 9;
  const posts = 9;
  for (let i = 0; i < talks + posts; i++) {
    const day = `2026-10-${String(1 + Math.floor(random() * 31)).padStart(2, '0')}`;
    const hero = pick(veterans).username;
    heroes.push(`- { date: ${day}, type: ${i < talks ? 'talk' : 'blog_post'}, hero: ${hero}, title: "${i < talks ? 'Talk' : 'Post'} ${i + 1}" }`);
  }

  // The August and September cohorts of first-time contributors (the retention detail shows them,
  // and the history's first-time counts of those months are theirs). Drawn after everything else so
  // the October records stay as they were; merged before Sep 18, so none is in release 17.5, and
  // none comes back in October. A quarter of August's came back in September.
  const augustCohort = Array.from({ length: 36 }, () => newUser());
  for (const c of augustCohort) merged(c.id, between(random, at('2026-08-01'), at('2026-09-01')));
  for (const c of augustCohort.slice(0, 9)) merged(c.id, between(random, at('2026-09-01'), at('2026-09-17')));
  const septemberCohort = Array.from({ length: 38 }, () => newUser());
  for (const c of septemberCohort) merged(c.id, between(random, at('2026-09-01'), at('2026-09-17')));

  const orgOctober = mrs.filter((mr) => mr.project.startsWith('gitlab-org/') && mr.state === 'merged' && (mr.mergedAt ?? '') >= '2026-10-01' && (mr.mergedAt ?? '') < '2026-11-01');
  return {
    renames: { alice: 'Alice Moreno', bob: 'Bob Lindgren', carol: 'Carol Achebe', dave: 'Dave Park', erin: 'Erin Walsh', frank: 'Frank Osei', gina: 'Gina Russo' },
    users,
    mergeRequests: mrs,
    issues,
    heroesEntries: `${heroes.join('\n')}\n`,
    counts: {
      contributors: new Set(orgOctober.map((mr) => mr.authorId)).size,
      mergedMrs: orgOctober.length + gitlabCom,
      firstTime: firstTimers.length,
      returning: octoberAuthors.length - firstTimers.length,
      perRelease: mrs.filter((mr) => mr.milestone === '17.5' && mr.state === 'merged').length,
      meetups: issues.length,
      talks,
      posts,
      cohortSize: cohort.length,
      cohortRetained: backInOctober.length + backEarlier.length,
    },
    timeToMergeDays,
    firstReviewHours,
    openAgeDays,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round(value * 100) / 100;
}

/** What a correct run finds for 2026-10 in the hand-counted world plus `bulk`. */
export function demoExpected(hand: Record<string, number>, bulk: DemoBulk): Record<string, number> {
  const add = (id: string, n: number) => (hand[id] ?? 0) + n;
  const { counts } = bulk;
  return {
    ...hand,
    'wider-community-contributors': add('wider-community-contributors', counts.contributors),
    'merged-community-mrs': add('merged-community-mrs', counts.mergedMrs),
    'first-time-contributors': add('first-time-contributors', counts.firstTime),
    'returning-contributors': add('returning-contributors', counts.returning),
    'contributor-retention': Math.round(((HAND.cohort.retained + counts.cohortRetained) / (HAND.cohort.size + counts.cohortSize)) * 10_000) / 100,
    'community-mrs-per-release': add('community-mrs-per-release', counts.perRelease),
    'community-mr-time-to-merge': median([...HAND.timeToMergeDays, ...bulk.timeToMergeDays]),
    'community-mr-time-to-first-review': median([...HAND.firstReviewHours, ...bulk.firstReviewHours]),
    'open-community-mr-age': median([...HAND.openAgeDays, ...bulk.openAgeDays]),
    meetups: add('meetups', counts.meetups),
    'heroes-talks': add('heroes-talks', counts.talks),
    'heroes-blog-posts': add('heroes-blog-posts', counts.posts),
    ...organisationExpected(bulk),
  };
}
