// `npm run bench` (a section), or alone: `node bench/open-source.ts [--months 24]`: requests per
// kind of the github, npm and pypi sources for a monthly run and a backfill, counted at the fakes
// (demo/fakes/github, npm, pypi) in this process (msw, no latency, the HTTP client's waits instant).
// Figures go into docs/scale.md.
//
// World: an organisation of 5 repositories with, per month, 300 merged pull requests by ~120
// authors (a quarter new), 400 issues opened and as many closed, 2,000 stars and 150 forks (all on
// the main repository, the others 100 stars and 10 forks), 2 comments per issue and pull request;
// two npm packages and one PyPI project with daily counts. A monthly run is October 2026 alone; a
// backfill is the `--months` months up to it, asked the way `--backfill` asks (prefetch every
// month, then collect each), one fresh collector per kind.
import { parseArgs } from 'node:util';
import { setupServer } from 'msw/node';
import { createHttpClient } from '../src/http/client.ts';
import { memoryLogger } from '../src/log.ts';
import { SecretMasker } from '../src/secrets.ts';
import { sourceContext } from '../src/collect/context.ts';
import { addMonths, periodOf, type Period } from '../src/periods/periods.ts';
import { githubSource } from '../src/sources/github/index.ts';
import { npmSource } from '../src/sources/npm/index.ts';
import { pypiSource } from '../src/sources/pypi/index.ts';
import type { RegisteredSource } from '../src/sources/types.ts';
import { githubFake, type GhIssue, type GhRepo } from '@community-pulse/demo/fakes/github/index';
import { npmFake } from '@community-pulse/demo/fakes/npm/index';
import { pypiFake } from '@community-pulse/demo/fakes/pypi/index';
import { prng } from '@community-pulse/demo/prng';

const { values: args } = parseArgs({ options: { months: { type: 'string', default: '24' } } });
const MONTHS = Number(args.months);
const LAST = { year: 2026, month: 10 };
const NOW = Date.parse('2026-11-02T06:00:00Z');
const TOKEN = 'github_pat_bench_0123456789abcdefghijklmnopqrstuvwxyz';

function githubWorld(): { repos: GhRepo[]; issues: GhIssue[] } {
  const rnd = prng(7);
  const repoNames = ['acme/widget', 'acme/widget-docs', 'acme/py-sdk', 'acme/cli', 'acme/charts'];
  const repos: GhRepo[] = repoNames.map((full_name) => ({ full_name, stargazers: [], forks: [] }));
  const issues: GhIssue[] = [];
  const numbers = new Map<string, number>();
  const next = (repo: string) => {
    const n = (numbers.get(repo) ?? 0) + 1;
    numbers.set(repo, n);
    return n;
  };
  const people: string[] = [];
  for (let m = -(MONTHS + 2); m <= 0; m++) {
    const { year, month } = addMonths(LAST, m);
    const at = () => new Date(Date.UTC(year, month - 1, 1 + Math.floor(rnd() * 28), Math.floor(rnd() * 24))).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const later = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const pick = () => (people.length < 90 || rnd() < 0.08 ? (people.push(`dev${people.length}`), people.at(-1) ?? 'dev') : (people[Math.floor(rnd() * people.length)] ?? 'dev'));
    const repo = () => repoNames[Math.floor(rnd() * repoNames.length)] ?? 'acme/widget';
    for (let i = 0; i < 300; i++) {
      const created = at();
      const r = repo();
      issues.push({
        repo: r,
        number: next(r),
        title: 'change',
        user: { login: pick() },
        created_at: created,
        merged_at: later(created, 30),
        closed_at: later(created, 30),
        pr: true,
        comments: [
          { user: { login: 'maintainer' }, created_at: later(created, 5) },
          { user: { login: 'dev0' }, created_at: later(created, 9) },
        ],
      });
    }
    for (let i = 0; i < 400; i++) {
      const created = at();
      const r = repo();
      issues.push({
        repo: r,
        number: next(r),
        title: 'issue',
        user: { login: `user${Math.floor(rnd() * 5000)}` },
        created_at: created,
        closed_at: later(created, 200),
        comments: [
          { user: { login: 'maintainer' }, created_at: later(created, 7) },
          { user: { login: 'dev1' }, created_at: later(created, 12) },
        ],
      });
    }
    for (const [index, r] of repos.entries()) {
      for (let i = 0; i < (index === 0 ? 2000 : 100); i++) r.stargazers?.push({ user: { login: `fan${r.stargazers.length}` }, starred_at: at() });
      for (let i = 0; i < (index === 0 ? 150 : 10); i++) r.forks?.push({ full_name: `f${r.forks.length}/${r.full_name.split('/')[1] ?? ''}`, created_at: at() });
    }
  }
  return { repos, issues };
}

function daily(perDay: number): Record<string, number> {
  const days: Record<string, number> = {};
  for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2026, 10, 1); t += 86_400_000) days[new Date(t).toISOString().slice(0, 10)] = perDay;
  return days;
}

const server = setupServer();
server.listen();

function context() {
  const masker = new SecretMasker();
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, random: () => 0, now: () => NOW });
  return sourceContext('bench', { http, env: { PULSE_GITHUB_TOKEN: TOKEN }, masker, log, now: () => new Date(NOW) });
}

async function run(source: RegisteredSource, config: Record<string, unknown>, query: { kind: string }, periods: readonly Period[]): Promise<void> {
  const collector = source.createCollector(context(), 'bench', config as never);
  const metric = { id: query.kind, query: query as never };
  collector.prefetch?.(metric, periods);
  for (const period of periods) await collector.collect(metric, period);
}

const october = [periodOf(LAST)];
const backfill = Array.from({ length: MONTHS }, (_, i) => periodOf(addMonths(LAST, i - MONTHS + 1)));
const rows: string[] = [];

const gh = githubWorld();
const github = githubFake({ apiBase: 'https://api.github.com', tokens: [{ token: TOKEN }], orgs: ['acme'], repos: gh.repos, issues: gh.issues, now: () => NOW });
server.use(...github.handlers);
const ghConfig = { type: 'github', url: 'https://github.com', token_env: 'PULSE_GITHUB_TOKEN', org: 'acme', bots: [] };
for (const kind of ['merged_prs', 'pr_authors', 'first_time_contributors', 'stars', 'forks', 'issues_opened', 'issues_closed', 'time_to_first_response']) {
  const counts: string[] = [];
  for (const periods of [october, backfill]) {
    github.asked.length = 0;
    github.searches.length = 0;
    const started = performance.now();
    await run(githubSource, ghConfig, { kind }, periods);
    counts.push(`${github.asked.length.toLocaleString('en')} (${github.searches.length.toLocaleString('en')} search) ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  rows.push(`| github \`${kind}\` | ${counts[0] ?? ''} | ${counts[1] ?? ''} |`);
}

const npm = npmFake({ url: 'https://api.npmjs.org', packages: { 'acme-sdk': daily(1000), '@acme/cli': daily(400) } });
server.use(...npm.handlers);
{
  const counts: number[] = [];
  for (const periods of [october, backfill]) {
    npm.asked.length = 0;
    await run(npmSource, { type: 'npm', url: 'https://api.npmjs.org' }, { kind: 'downloads', packages: ['acme-sdk', '@acme/cli'] } as never, periods);
    counts.push(npm.asked.length);
  }
  rows.push(`| npm \`downloads\` (2 packages) | ${counts[0] ?? 0} | ${counts[1] ?? 0} |`);
}

const pypi = pypiFake({ url: 'https://pypistats.org', projects: { 'acme-sdk': Object.fromEntries(Object.keys(daily(0)).map((d) => [d, { without: 600, with: 700 }])) }, lastDay: '2026-11-01' });
server.use(...pypi.handlers);
{
  const counts: number[] = [];
  for (const periods of [october, backfill]) {
    pypi.asked.length = 0;
    await run(pypiSource, { type: 'pypi', url: 'https://pypistats.org' }, { kind: 'downloads', packages: ['acme-sdk'], mirrors: false } as never, periods);
    counts.push(pypi.asked.length);
  }
  rows.push(`| pypi \`downloads\` (1 project; months before the 180 days unavailable) | ${counts[0] ?? 0} | ${counts[1] ?? 0} |`);
}

server.close();
console.log(`open-source sources: requests at the fakes (github: all requests (search requests) and time measured here), monthly run (2026-10) and ${MONTHS}-month backfill`);
console.log('| source and kind | monthly run | backfill |');
console.log('|---|---:|---:|');
for (const row of rows) console.log(row);
