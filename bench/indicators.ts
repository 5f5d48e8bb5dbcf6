// `npm run bench` (first section), or alone: `node bench/indicators.ts [--months 24] [--latency-ms 50]`.
//
// 1. Requests per source for a backfill of examples/goals.yml against the sample world (the fakes
//    on loopback, real CLI processes): range requests (`backfill`) vs one request per month (the
//    per-month fallback: `run` for each month), against the minimum — every API question asked
//    once for the whole range, which is what a one-month run costs when each answer fits a page.
// 2. Wall time of a monthly `run` with the token-bucket pacing vs the previous even spacing (GCRA,
//    a burst of one second's worth), the rest of the code identical: the old limiter is put into a
//    scratch copy of src/ (from git) and the same CLI runs from there.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addMonths, formatMonth, monthRange } from '../src/periods/periods.ts';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { API_NAMES, type ApiName, buildWorld, type World } from '@community-pulse/demo/world';

const { values: args } = parseArgs({
  options: {
    months: { type: 'string', default: '24' },
    'latency-ms': { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    /** The commit whose src/http/budget.ts is the "before" pacing (even spacing, GCRA). */
    'before-commit': { type: 'string', default: 'b044378' },
  },
});

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAST = { year: 2026, month: 10 };

interface Served {
  servers: Record<ApiName, ServedFake>;
  world: World;
  counts(): Record<ApiName, number>;
  close(): Promise<void>;
}

async function serveWorld(latencyMs: number): Promise<Served> {
  const entries = await Promise.all(API_NAMES.map(async (name) => [name, await serveFake(() => [], { latencyMs })] as const));
  const servers = Object.fromEntries(entries) as Record<ApiName, ServedFake>;
  const urls = Object.fromEntries(API_NAMES.map((name) => [name, servers[name].url])) as Record<ApiName, string>;
  // The fakes' clocks are the real one: the CLI signs its Google JWT with the real time.
  const world = buildWorld(urls);
  for (const name of API_NAMES) servers[name].setHandlers(world.handlers[name]);
  return {
    servers,
    world,
    counts: () => Object.fromEntries(API_NAMES.map((n) => [n, servers[n].requests.length])) as Record<ApiName, number>,
    close: async () => void (await Promise.all(Object.values(servers).map((s) => s.close()))),
  };
}

function cli(srcRoot: string, cliArgs: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; ms: number; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(srcRoot, 'src/cli.ts'), ...cliArgs], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, stderr }));
  });
}

function workspace(world: World): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-'));
  writeFileSync(join(dir, 'goals.yml'), world.goalsYaml);
  return dir;
}

const diff = (a: Record<ApiName, number>, b: Record<ApiName, number>) => Object.fromEntries(API_NAMES.map((n) => [n, a[n] - b[n]])) as Record<ApiName, number>;
const sum = (r: Record<ApiName, number>) => API_NAMES.reduce((s, n) => s + r[n], 0);
const pad = (v: string | number, n: number) => String(v).padStart(n);

async function backfillRequests(months: number, latencyMs: number): Promise<void> {
  const served = await serveWorld(latencyMs);
  try {
    const first = addMonths(LAST, -(months - 1));
    const env = served.world.env;

    // Minimum: a cold run of one month asks every question once.
    let before = served.counts();
    const one = await cli(ROOT, ['run', '--goals', 'goals.yml', '--period', formatMonth(LAST), '--dry-run', '--out', 'out'], workspace(served.world), env);
    if (one.code !== 0) throw new Error(`run failed (${one.code}): ${one.stderr.slice(-500)}`);
    const minimum = diff(served.counts(), before);

    // Range requests: one backfill of the whole range.
    before = served.counts();
    const range = await cli(ROOT, ['backfill', '--goals', 'goals.yml', '--from', formatMonth(first), '--to', formatMonth(LAST), '--dry-run', '--out', 'out'], workspace(served.world), env);
    if (range.code !== 0 && range.code !== 3) throw new Error(`backfill failed (${range.code}): ${range.stderr.slice(-500)}`);
    const ranged = diff(served.counts(), before);

    // Per month: one run per month (what the fallback, and the previous release, asks).
    before = served.counts();
    const periods = monthRange(first, LAST);
    const queue = [...periods];
    const workers = Array.from({ length: 4 }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const r = await cli(ROOT, ['run', '--goals', 'goals.yml', '--period', formatMonth(p), '--dry-run', '--out', 'out'], workspace(served.world), env);
        if (r.code !== 0 && r.code !== 3) throw new Error(`run ${formatMonth(p)} failed (${r.code}): ${r.stderr.slice(-300)}`);
      }
    });
    await Promise.all(workers);
    const perMonth = diff(served.counts(), before);

    console.log(`backfill of ${months} months (${formatMonth(first)}..${formatMonth(LAST)}) of examples/goals.yml against the sample world, requests per source:`);
    console.log('  source    | per month | range requests | minimum*');
    for (const n of API_NAMES) console.log(`  ${n.padEnd(9)} | ${pad(perMonth[n], 9)} | ${pad(ranged[n], 14)} | ${pad(minimum[n], 8)}`);
    console.log(`  ${'total'.padEnd(9)} | ${pad(sum(perMonth), 9)} | ${pad(sum(ranged), 14)} | ${pad(sum(minimum), 8)}`);
    console.log('  * each API question asked once for the whole range (= a one-month run, every answer fitting one page),');
    console.log('    plus the one verification request per source that every run makes before collecting.');
    console.log('    GitLab adds what no range can save: first-time and first-review lookups of each month with authors, one query per release milestone.');
  } finally {
    await served.close();
  }
}

/** A scratch copy of src/ whose budget.ts is the previous release's even spacing (GCRA). */
function scratchWithOldPacing(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-before-'));
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  // The renderer reads its templates relative to src/.
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  const old = execFileSync('git', ['show', `${commit}:src/http/budget.ts`], { cwd: ROOT, encoding: 'utf8' });
  // The old limiter keyed budgets by host only: the new client's credential argument is ignored.
  writeFileSync(join(dir, 'src/http/budget.ts'), `${old}\nexport function credentialKey(): string {\n  return '';\n}\n`);
  return dir;
}

async function monthlyWallTime(latencyMs: number, runs: number, commit: string): Promise<void> {
  const served = await serveWorld(latencyMs);
  const scratch = scratchWithOldPacing(commit);
  try {
    const env = served.world.env;
    const time = async (root: string) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await cli(root, ['run', '--goals', 'goals.yml', '--period', formatMonth(LAST), '--dry-run', '--out', 'out'], workspace(served.world), env);
        if (r.code !== 0) throw new Error(`run failed (${r.code}): ${r.stderr.slice(-500)}`);
        ms.push(r.ms);
      }
      return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? 0;
    };
    const before = await time(scratch);
    const after = await time(ROOT);
    const requests = sum(served.counts()) / (2 * runs);
    console.log(`\nmonthly run of examples/goals.yml (${requests} requests, ${latencyMs} ms a request, median of ${runs} CLI processes, start-up included):`);
    console.log(`  even spacing (GCRA, previous release): ${(before / 1000).toFixed(2)} s`);
    console.log(`  token bucket with the window's capacity: ${(after / 1000).toFixed(2)} s`);
  } finally {
    await served.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await backfillRequests(Number(args.months), Number(args['latency-ms']));
await monthlyWallTime(Number(args['latency-ms']), Number(args.runs), args['before-commit']);
