// The organisation kinds (issue 22) against the fake GitLab (MRs over GraphQL) and the fake
// repository files API (the organisations file), through the real HTTP client. Every expected
// figure is a HAND count of the world below (UTC months), derived in the comments.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { complexityOf } from '../../fakes/gitlab-complexity.ts';
import { createHttpClient } from '../../../src/http/client.ts';
import { memoryLogger } from '../../../src/log.ts';
import { type Period, periodOf } from '../../../src/periods/periods.ts';
import { SecretMasker } from '../../../src/secrets.ts';
import { gitlabSource } from '../../../src/sources/gitlab/index.ts';
import { parseOrganisations } from '../../../src/sources/gitlab/organisations.ts';
import { createFakeGitlab } from '@community-pulse/demo/fakes/gitlab/index';
import { gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { server } from '../../msw-server.ts';
import { BASE, DataBuilder, harness, NOW, rejection, TOKEN } from './harness.ts';

const FILES = 'https://files.example.com';
const ORGS_PROJECT = 'devrel/contributing-orgs';

// Acme: a customer (ARR 100,000) alice worked for until 15 August, plus the domain acme.com.
// Globex: a customer (ARR 50,000) alice joined on 16 August; TWO domains, globex.com and globex.io.
// Initech: a customer with ARR 0 (ivan). Hooli: not a customer (hank).
export const ORGS_YAML = `organisations:
  - { organisation: Acme, customer: true, tier: ultimate, arr: 100000, username: alice, until: 2026-08-15 }
  - { organisation: Acme, domain: acme.com }
  - { organisation: Globex, customer: true, arr: 50000, username: alice, from: 2026-08-16 }
  - { organisation: Globex, domain: globex.com }
  - { organisation: Globex, domain: globex.io }
  - { organisation: Initech, customer: true, arr: 0, username: ivan }
  - { organisation: Hooli, username: hank }
`;

function world() {
  const d = new DataBuilder();
  d.groups = [...d.groups];
  const email = (username: string, address: string) => Object.assign(d.user(username), { publicEmail: address });
  email('gary', 'gary@globex.io');
  email('gina', 'gina@globex.com');
  email('olga', 'olga@acme.com');
  // A project access-token bot of a customer's namespace, showing the customer's domain: a bot, never counted.
  Object.assign(d.user('project_42_bot_0a1b2c', 'Acme CI', true), { publicEmail: 'ci@acme.com' });

  d.mr('gitlab-org/gitlab', 'alice', '2026-07-05T10:00:00Z'); // Acme (before 15 Aug)
  d.mr('gitlab-org/gitlab', 'alice', '2026-08-10T10:00:00Z'); // Acme
  d.mr('gitlab-org/gitlab', 'uma', '2026-08-20T10:00:00Z'); // unmapped
  d.mr('gitlab-org/gitlab', 'alice', '2026-09-02T10:00:00Z'); // Globex (from 16 Aug)
  d.mr('gitlab-org/old-tool', 'gary', '2026-09-05T10:00:00Z'); // Globex by globex.io, in an ARCHIVED project
  d.mr('gitlab-org/gitlab', 'gina', '2026-09-06T10:00:00Z'); // Globex by globex.com
  d.mr('gitlab-org/gitlab', 'ivan', '2026-09-10T10:00:00Z'); // Initech (ARR 0)
  d.mr('gitlab-org/gitlab', 'hank', '2026-09-11T10:00:00Z'); // Hooli
  d.mr('gitlab-org/gitlab', 'hank', '2026-09-12T10:00:00Z'); // Hooli
  d.mr('gitlab-org/gitlab', 'project_42_bot_0a1b2c', '2026-09-13T10:00:00Z'); // bot: left out
  d.mr('gitlab-org/gitlab', 'uma', '2026-09-14T10:00:00Z'); // unmapped
  d.mr('gitlab-org/gitlab', 'uma', '2026-09-15T10:00:00Z'); // unmapped
  d.mr('gitlab-org/gitlab', 'ursula', '2026-09-16T10:00:00Z'); // unmapped, one MR only
  // Opened in September, still open: only `state: any` sees them.
  Object.assign(d.mr('gitlab-org/gitlab', 'olga', '', { state: 'opened' }), { createdAt: '2026-09-21T10:00:00Z' }); // Acme by acme.com
  Object.assign(d.mr('gitlab-org/gitlab', 'hank', '', { state: 'opened' }), { createdAt: '2026-09-20T10:00:00Z' }); // Hooli
  // Globex's open MRs at the end of September (Oct 1 00:00Z): 11 and 6 days old (Globex was counted anyway).
  Object.assign(d.mr('gitlab-org/gitlab', 'gina', '', { state: 'opened' }), { createdAt: '2026-09-20T00:00:00Z' });
  Object.assign(d.mr('gitlab-org/gitlab', 'gary', '', { state: 'opened' }), { createdAt: '2026-09-25T00:00:00Z' });
  return { ...d.build(), archivedProjects: ['gitlab-org/old-tool'] };
}

function setup(orgsFile: string = ORGS_YAML, fileName = 'data/orgs.yml') {
  const { fake: gitlab, ctx } = harness(world());
  const files = gitlabRepoFake({ projects: { [ORGS_PROJECT]: { id: 77, visibility: 'private', branches: { main: { [fileName]: orgsFile } } } }, tokens: [{ value: TOKEN, scopes: ['read_api'] }] });
  server.use(...gitlabRepoHandlers(FILES, files));
  const collector = gitlabSource.createCollector(ctx, 'gitlab', { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN', organisations: { project: ORGS_PROJECT, file: fileName, url: FILES } });
  const collect = (query: Record<string, unknown>, period: Period) => collector.collect({ id: 'm', query: { group: 'gitlab-org', ...query } }, period);
  return { collect, gitlab, files, collector };
}

const SEP = periodOf({ year: 2026, month: 9 }, 'UTC');
/** July–September as one period, as the pipeline asks a `distinct` kind for a quarter's total. */
const Q3: Period = { ...SEP, label: '2026-07..2026-09', start: periodOf({ year: 2026, month: 7 }, 'UTC').start };

describe('organisation kinds (hand counts)', () => {
  it('September: organisations, customers, customer MRs, MRARR, diversity; the bot is left out, the archived project counts', async () => {
    const { collect, files } = setup();
    // Merged in September, bot left out: alice (Globex since 16 Aug), gary (globex.io, archived
    // project), gina (globex.com), ivan (Initech), hank ×2 (Hooli), uma ×2 and ursula (no
    // organisation) = 9 MRs. Organisations: Globex, Initech, Hooli = 3.
    const orgs = await collect({ kind: 'contributing_organisations' }, SEP);
    expect(orgs.value).toBe(3);
    // By organisation: Globex 3, Hooli 2, Initech 1; unmapped in Jul–Sep with ≥ 2 MRs: uma (3: 20 Aug,
    // 14 and 15 Sep); ursula has 1.
    expect(orgs.breakdown?.items.map((i) => [i.key, i.value])).toEqual([
      ['Globex', 3],
      ['Hooli', 2],
      ['Initech', 1],
      ['unmapped:uma', 3],
    ]);
    // Customers: Globex and Initech (ARR 0 is still a customer) = 2.
    expect((await collect({ kind: 'contributing_customers' }, SEP)).value).toBe(2);
    // Customer MRs: Globex 3 + Initech 1 = 4.
    expect((await collect({ kind: 'customer_contributions' }, SEP)).value).toBe(4);
    // MRARR: 3 × 50,000 + 1 × 0 = 150,000.
    const arr = await collect({ kind: 'mrarr' }, SEP);
    expect(arr.value).toBe(150_000);
    expect(arr.breakdown?.items.map((i) => [i.key, i.value, i.count])).toEqual([
      ['Globex', 150_000, 3],
      ['Initech', 0, 1],
    ]);
    // Largest organisation Globex: 3 of 9 MRs = 33.33 %.
    expect((await collect({ kind: 'organisational_diversity' }, SEP)).value).toBe(33.33);
    // Leading with ≥ 3 merged MRs in Jul–Sep: Acme 2 (alice 5 Jul, 10 Aug), Globex 3, Hooli 2, Initech 1 → Globex only.
    const leading = await collect({ kind: 'leading_organisations', min_mrs: 3 }, SEP);
    expect(leading.value).toBe(1);
    expect(leading.breakdown?.items.map((i) => i.key)).toEqual(['Globex']);
    // Its open MRs at the end of September: gina's 11 days and gary's 6 days old → median 8.5.
    expect(leading.note).toContain('Their open MRs at the end of the month: Globex 2 (median 8.5 days old).');
    // Six metrics and two periods' worth of windows: the organisations file is read once.
    expect(files.requests.filter((r) => r.path.includes('orgs.yml'))).toHaveLength(1);
  });

  it('the quarter counts a contributor who changed employer for both organisations, each once', async () => {
    const { collect } = setup();
    // Jul–Sep merged: Acme (alice 5 Jul, 10 Aug), Globex (alice 2 Sep, gary, gina), Initech, Hooli = 4
    // organisations, not the 3 + 1 + … of adding months; customers: Acme, Globex, Initech = 3.
    expect((await collect({ kind: 'contributing_organisations' }, Q3)).value).toBe(4);
    expect((await collect({ kind: 'contributing_customers' }, Q3)).value).toBe(3);
    // MRARR over the quarter: Acme 2 × 100,000 + Globex 3 × 50,000 + Initech 0 = 350,000.
    expect((await collect({ kind: 'mrarr' }, Q3)).value).toBe(350_000);
  });

  it('state: any counts MRs opened in the period whatever their state', async () => {
    const { collect } = setup();
    // Opened in September: the 9 merged ones (opened when merged) plus olga's (acme.com → Acme) and
    // hank's open MRs: Globex, Initech, Hooli, Acme = 4 (3 when only merged MRs count).
    expect((await collect({ kind: 'contributing_organisations', state: 'any' }, SEP)).value).toBe(4);
    expect((await collect({ kind: 'contributing_customers', state: 'any' }, SEP)).value).toBe(3);
  });

  it('reads the organisations file as CSV too', async () => {
    const csv = ['organisation,customer,arr,username,domain,from,until', 'Globex,true,50000,,globex.com,,', 'Globex,,,,globex.io,,', 'Globex,,,alice,,2026-08-16,', 'Initech,yes,0,ivan,,,'].join('\n');
    const { collect } = setup(csv, 'data/orgs.csv');
    // Globex 3 (alice, gary, gina) × 50,000 + Initech 1 × 0.
    expect((await collect({ kind: 'mrarr' }, SEP)).value).toBe(150_000);
  });

  it('a kind that needs the file fails clearly when the source names none', async () => {
    const gitlab = createFakeGitlab(world(), { now: () => NOW });
    server.use(...gitlab.handlers(BASE));
    const http = createHttpClient({ masker: new SecretMasker(), log: memoryLogger(), sleep: async () => {}, now: () => NOW.getTime(), random: () => 0.5 });
    const c = gitlabSource.createCollector({ http, log: memoryLogger(), now: () => NOW, secret: () => TOKEN }, 'gitlab', { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
    const error = await rejection(c.collect({ id: 'm', query: { kind: 'mrarr', group: 'gitlab-org' } }, SEP));
    expect(error.code).toBe('EQUERY');
    expect(error.message).toContain('no organisations file');
  });
});

describe('a backfill and the documents it sends', () => {
  it('reads the organisations file once for a backfill of several months and metrics', async () => {
    const { collector, files } = setup();
    const months = [7, 8, 9].map((m) => periodOf({ year: 2026, month: m }, 'UTC'));
    const queries = ['mrarr', 'contributing_customers', 'organisational_diversity'].map((kind) => gitlabSource.querySchema.parse({ kind, group: 'gitlab-org' }));
    queries.forEach((query, i) => collector.prefetch?.({ id: `m${i}`, query }, months));
    const values: Array<number | null> = [];
    for (const [i, query] of queries.entries()) for (const p of months) values.push((await collector.collect({ id: `m${i}`, query }, p)).value);
    // MRARR: July Acme 1 × 100,000; August Acme 1 × 100,000 (uma is unmapped); September 150,000.
    expect(values.slice(0, 3)).toEqual([100_000, 100_000, 150_000]);
    expect(files.requests.filter((r) => r.path.includes('orgs.yml'))).toHaveLength(1);
  });

  it("sends documents valid against GitLab's schema (publicEmail, MRs opened in a period), each scoring at most 200", async () => {
    const { collect, gitlab } = setup();
    await collect({ kind: 'contributing_organisations', state: 'any' }, SEP);
    await collect({ kind: 'mrarr' }, SEP);
    const schema = buildSchema(readFileSync(new URL('../../fakes/gitlab-schema.graphql', import.meta.url), 'utf8'));
    const sent = gitlab.requests.filter((r) => r.api === 'graphql' && r.query !== undefined);
    expect(new Set(sent.map((r) => /query (\w+)/.exec(r.query ?? '')?.[1]))).toEqual(new Set(['PulseOpenedMrs', 'PulseMergedMrs']));
    const problems = sent.flatMap((r) => [...validate(schema, parse(r.query ?? '')).map((e) => e.message), ...(complexityOf(schema, r.query ?? '', r.variables ?? {}) > 200 ? ['complexity above 200'] : [])]);
    expect(problems).toEqual([]);
  });
});

describe('the organisations file is validated like the goals file', () => {
  it('lists every problem at once, each at FILE:LINE:COL', async () => {
    const text = [
      'organisations:',
      '  - { organisation: Acme, username: alice, arr: lots }',
      '  - { organisation: Globex, username: alice, from: 2026-01-01 }',
      '  - { username: bob }',
      '  - { organisation: Initech, domain: not a domain, until: 2026-13-01, colour: red }',
      '  - { organisation: Acme, arr: 5, domain: acme.com }',
      '  - { organisation: Hooli, username: hank, from: 2026-05-01, until: 2026-04-01 }',
    ].join('\n');
    const error = await rejection(parseOrganisations(text, 'orgs.yml'));
    expect(error.message).toBe('orgs.yml is not a valid organisations file (7 problems)');
    expect((error as unknown as { details: string[] }).details).toEqual([
      'orgs.yml:2:49: arr must be a number of at least 0 (annual recurring revenue, e.g. 120000)',
      'orgs.yml:3:39: @alice belongs to "Acme" (line 2) on overlapping days; a person belongs to at most one organisation on a given day: set until on one and from on the other',
      "orgs.yml:4:5: organisation is required (the organisation's name)",
      'orgs.yml:5:38: "not a domain" is not an email domain such as example.com',
      'orgs.yml:5:59: until must be a day as YYYY-MM-DD (the last day of the affiliation)',
      'orgs.yml:5:79: unknown field "colour"; the fields are organisation, username, domain, customer, tier, arr, from, until',
      'orgs.yml:7:69: until (2026-04-01) is before from (2026-05-01)',
    ]);
  });

  it('an organisation attribute given twice must agree', async () => {
    const error = await rejection(parseOrganisations('- { organisation: Acme, arr: 5, username: a }\n- { organisation: Acme, arr: 6, username: b }\n', 'o.yml'));
    expect((error as unknown as { details: string[] }).details).toEqual(['o.yml:2:30: organisation "Acme" already has arr 5 (line 1); give it once, or the same on every row']);
  });

  it('takes YAML lists of usernames and domains in one entry', async () => {
    const dir = await parseOrganisations('- { organisation: Globex, username: [gina, gary], domain: [globex.com, globex.io] }\n', 'o.yml');
    expect(['gina', 'gary'].map((u) => dir.organisationOf(u, null, '2026-09-01')?.name)).toEqual(['Globex', 'Globex']);
    expect(dir.organisationOf('x', 'x@globex.io', '2026-09-01')?.name).toBe('Globex');
  });

  it('an affiliation that ends the day before another starts does not overlap', async () => {
    const dir = await parseOrganisations(ORGS_YAML, 'orgs.yml');
    expect(dir.organisationOf('alice', null, '2026-08-15')?.name).toBe('Acme');
    expect(dir.organisationOf('ALICE', null, '2026-08-16')?.name).toBe('Globex');
    expect(dir.organisationOf('zed', 'zed@EU.Globex.com', '2026-08-16')?.name).toBe('Globex');
    expect(dir.organisationOf('zed', 'zed@example.org', '2026-08-16')).toBeNull();
  });
});
