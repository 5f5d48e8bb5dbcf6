// `npm run bench`: first the backfill request counts per source and the monthly-run wall time
// (bench/indicators.ts, about 40 s), then the GitLab collector against the fake GitLab on loopback
// (50 ms a request), vs a naive @gitbeaker/rest baseline, plus scale runs for memory. Not part of
// the test suite.
//
//   npm run bench                         full run (about 6 minutes: 3.5 of them the baseline)
//   npm run bench -- --skip-indicators    without the backfill/pacing section
//   node bench/indicators.ts --months 12  only the backfill/pacing section
//   node bench/chat-json-sources.ts       only the Discord / JSON source backfill counts
//   npm run bench -- --skip-baseline      only community-pulse
//   npm run bench -- --mrs-per-month 10000 --months 3 --skip-baseline --skip-scale
//   npm run bench -- --skip-collect       only the render and --help figures (bench/render.ts)
//   npm run bench -- --skip-volume        without the gitlab-org-volume section (bench/scale.ts, docs/scale.md)
//   npm run bench -- --only-volume        only that section (about 5 minutes)
//   npm run bench -- --skip-open-source   without the github/npm/pypi request counts (bench/open-source.ts, about 5 minutes)
//
// Every client and the fake run in their own processes: peak RSS is the client's alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateWorkload, type MonthTruth } from './dataset.ts';
import { benchRender } from './render.ts';

const { values: args } = parseArgs({
  options: {
    'mrs-per-month': { type: 'string', default: '1000' },
    months: { type: 'string', default: '24' },
    'latency-ms': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '1,4,8' },
    scale: { type: 'string', default: '10000:3,100000:1' },
    'skip-baseline': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-indicators': { type: 'boolean', default: false },
    'skip-collect': { type: 'boolean', default: false },
    'skip-volume': { type: 'boolean', default: false },
    'only-volume': { type: 'boolean', default: false },
    'skip-open-source': { type: 'boolean', default: false },
  },
});

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const PAGE = 100;

interface FakeProcess {
  url: string;
  count(): Promise<number>;
  stop(): Promise<void>;
}

async function startFake(months: number, mrsPerMonth: number, latencyMs: number): Promise<FakeProcess> {
  const child: ChildProcess = spawn(process.execPath, [here('./fake-server.ts'), '--months', String(months), '--mrs-per-month', String(mrsPerMonth), '--latency-ms', String(latencyMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake server exited with ${code}`)));
    child.on('message', (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'type' in m && m.type === 'ready' && 'url' in m && typeof m.url === 'string') resolve(m.url);
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    count: () =>
      new Promise<number>((resolve) => {
        const onMessage = (m: unknown) => {
          if (typeof m === 'object' && m !== null && 'type' in m && m.type === 'count' && 'value' in m && typeof m.value === 'number') {
            child.off('message', onMessage);
            resolve(m.value);
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'count' });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

interface ClientResult {
  wallMs: number;
  requests?: number;
  retries?: number;
  rssStartKb: number;
  maxRssKb: number;
  results: Array<{ label: string; values: Record<string, number | null> }>;
  users?: number;
}

function runChild(file: string, childArgs: string[]): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [here(file), ...childArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}`));
      const last = out.trim().split('\n').at(-1) ?? '';
      resolve(JSON.parse(last) as ClientResult);
    });
  });
}

/** Months whose values differ from the generator's truth. */
function mismatches(result: ClientResult, truth: MonthTruth[], withFirstTime: boolean): string[] {
  const bad: string[] = [];
  for (const t of truth) {
    const got = result.results.find((r) => r.label === t.period.label)?.values ?? {};
    const want: Record<string, number> = { merged_mr_authors: t.humanAuthors, merged_mrs: t.humanMrs, ...(withFirstTime ? { first_time_contributors: t.firstTimeAuthors } : {}) };
    for (const [kind, value] of Object.entries(want)) if (got[kind] !== value) bad.push(`${t.period.label} ${kind}: got ${String(got[kind])}, want ${value}`);
  }
  return bad;
}

const minimumRequests = (truth: MonthTruth[]) => truth.reduce((sum, t) => sum + Math.max(1, Math.ceil(t.apiMrs / PAGE)), 0);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (bad: string[]) => (bad.length === 0 ? 'counts correct' : `COUNTS WRONG (${bad.length}): ${bad.slice(0, 3).join('; ')}`);

async function indicators(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [here('./indicators.ts'), '--months', args.months, '--latency-ms', args['latency-ms']], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/indicators.ts exited with ${code}`))));
  });
  console.log('');
  // The Discord and generic JSON sources (not in examples/goals.yml): backfill requests against their fakes.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [here('./chat-json-sources.ts'), '--months', args.months], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/chat-json-sources.ts exited with ${code}`))));
  });
  console.log('');
}

/** The GitLab kinds of examples/goals.yml at gitlab-org's volume (bench/scale.ts; docs/scale.md). */
async function volume(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [here('./scale.ts'), '--months', args.months], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/scale.ts exited with ${code}`))));
  });
  console.log('');
}

/** Requests per kind of the github, npm and pypi sources, monthly and backfill (bench/open-source.ts; docs/scale.md). */
async function openSource(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [here('./open-source.ts'), '--months', args.months], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/open-source.ts exited with ${code}`))));
  });
  console.log('');
}

async function main(): Promise<void> {
  if (!args['skip-volume']) await volume();
  if (!args['skip-open-source'] && !args['only-volume']) await openSource();
  if (args['only-volume']) return;
  if (!args['skip-indicators']) await indicators();
  benchRender();
  if (args['skip-collect']) return;
  console.log('');
  const months = Number(args.months);
  const mrsPerMonth = Number(args['mrs-per-month']);
  const latencyMs = Number(args['latency-ms']);
  const { truth } = generateWorkload({ months, mrsPerMonth });
  const minimum = minimumRequests(truth);
  const people = truth.reduce((s, t) => s + t.humanAuthors, 0);
  console.log(`workload: ${months} months × ${mrsPerMonth} merged community MRs (${months * mrsPerMonth} MRs, ${people} author-months), fake GitLab latency ${latencyMs} ms`);
  console.log(`minimum requests (sum of ceil(MRs/100) per month): ${minimum}\n`);

  const fake = await startFake(months, mrsPerMonth, latencyMs);
  let best: { concurrency: number; result: ClientResult } | undefined;
  try {
    console.log('community-pulse collector (merged_mr_authors + merged_mrs, all months at once, 2,000 req/min budget):');
    console.log('  concurrency | requests (server) | vs minimum | wall     | peak RSS');
    for (const concurrency of args.concurrency.split(',').map(Number)) {
      const before = await fake.count();
      const result = await runChild('./new-client.ts', ['--url', fake.url, '--months', String(months), '--concurrency', String(concurrency)]);
      const served = (await fake.count()) - before;
      const bad = mismatches(result, truth, false);
      console.log(`  ${String(concurrency).padStart(11)} | ${String(served).padStart(17)} | ${`+${served - minimum}`.padStart(10)} | ${secs(result.wallMs).padStart(8)} | ${mb(result.maxRssKb)}  ${verdict(bad)}`);
      if (concurrency === 8 || !best) best = { concurrency, result };
    }

    const beforeFirst = await fake.count();
    const first = await runChild('./new-client.ts', ['--url', fake.url, '--months', String(months), '--concurrency', '8', '--first-time']);
    const servedFirst = (await fake.count()) - beforeFirst;
    const history = servedFirst - minimum;
    console.log(
      `\nwith first_time_contributors as well (concurrency 8): ${servedFirst} requests = ${minimum} window pages + ${history} history lookups ` +
        `(${(history / months).toFixed(1)} a month for ~${Math.round(people / months)} authors a month), ${secs(first.wallMs)}, peak RSS ${mb(first.maxRssKb)}  ${verdict(mismatches(first, truth, true))}`,
    );

    if (!args['skip-baseline'] && best) {
      console.log('\nnaive baseline (@gitbeaker/rest, sequential, default per_page 20, GET /users/:id per new author):');
      const before = await fake.count();
      const base = await runChild('./baseline.ts', ['--url', fake.url, '--months', String(months)]);
      const served = (await fake.count()) - before;
      console.log(`  requests ${served} (${served - (base.users ?? 0)} MR pages + ${base.users ?? 0} user lookups), wall ${secs(base.wallMs)}, peak RSS ${mb(base.maxRssKb)}  ${verdict(mismatches(base, truth, false))}`);
      const bestServed = best.result.requests ?? minimum;
      console.log(`  community-pulse at concurrency ${best.concurrency}: ${(base.wallMs / best.result.wallMs).toFixed(1)}× faster, ${(served / bestServed).toFixed(1)}× fewer requests`);
    }
  } finally {
    await fake.stop();
  }

  if (!args['skip-scale']) {
    console.log('\nscale (community-pulse only, concurrency 8): memory as MRs per month grow');
    console.log('  MRs/month | months | requests | vs minimum | wall     | RSS after imports | peak RSS');
    const runs: Array<[number, number]> = [[mrsPerMonth, months], ...args.scale.split(',').map((s) => s.split(':').map(Number) as [number, number])];
    for (const [perMonth, n] of runs) {
      const scaleTruth = generateWorkload({ months: n, mrsPerMonth: perMonth }).truth;
      const scaleFake = await startFake(n, perMonth, latencyMs);
      try {
        const result = await runChild('./new-client.ts', ['--url', scaleFake.url, '--months', String(n), '--concurrency', '8']);
        const served = await scaleFake.count();
        const min = minimumRequests(scaleTruth);
        console.log(
          `  ${String(perMonth).padStart(9)} | ${String(n).padStart(6)} | ${String(served).padStart(8)} | ${`+${served - min}`.padStart(10)} | ${secs(result.wallMs).padStart(8)} | ${mb(result.rssStartKb).padStart(17)} | ${mb(result.maxRssKb)}  ${verdict(mismatches(result, scaleTruth, false))}`,
        );
      } finally {
        await scaleFake.stop();
      }
    }
  }
}

await main();
