// A backfill stopped at any point resumes (issue 17): the real CLI as a child process against the
// sample world on loopback, SIGKILLed once some months are checkpointed, then run again. Most
// questions of a backfill are range requests answered for every month at once; the world holds the
// ones asked per release (the merged MRs of milestone 17.4, due 2026-09-17, and 17.5, due
// 2026-10-15), so the kill always lands with 2026-05 … 2026-08 complete and 2026-09 … 2026-10 in
// flight — the test waits on the history, not on a timer.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HANDBOOK_PROJECT, startSampleWorld, type SampleWorld } from '@community-pulse/demo/sample-world';

const ROOT = join(import.meta.dirname, '../..');
// The project's Node 24 (it runs src/*.ts directly), as CI runs the CLI.
const NODE = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath;
const FROM = '2026-05';
const TO = '2026-10';
const ALL = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const FINISHED = ['2026-05', '2026-06', '2026-07', '2026-08'];
/** The first month the killed run had not finished. */
const GATE = '2026-09-01';
const DATA_DIR = 'data/developer_relations/pulse';

const dirs: string[] = [];
const worlds: SampleWorld[] = [];
afterAll(async () => {
  await Promise.all(worlds.map((w) => w.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every date (YYYY-MM-DD) a request names, in its path or body. */
function datesOf(request: { path: string; body?: string | undefined }): string[] {
  return (decodeURIComponent(request.path) + ' ' + (request.body ?? '')).match(/20\d\d-\d\d-\d\d/g) ?? [];
}

/** The merged MRs of one release: asked once per release, so they belong to the month it is due in. */
const perRelease = (request: { body?: string | undefined }) => (request.body ?? '').includes('query PulseMilestoneMrs');

interface Gate {
  shut: boolean;
  held: Array<() => void>;
  open(): void;
}

async function world(gate?: Gate): Promise<{ world: SampleWorld; dir: string }> {
  const w = await startSampleWorld({
    historyMonths: 0,
    hold: gate && ((name, request) => (name === 'gitlab' && gate.shut && perRelease(request) ? new Promise<void>((resolve) => gate.held.push(resolve)) : undefined)),
  });
  worlds.push(w);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-resume-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'goals.yml'), w.goalsYaml);
  return { world: w, dir };
}

function newGate(): Gate {
  const gate: Gate = {
    shut: true,
    held: [],
    open() {
      gate.shut = false;
      for (const release of gate.held.splice(0)) release();
    },
  };
  return gate;
}

interface Child {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function backfill(w: SampleWorld, dir: string, extra: string[] = []): Child {
  const child = spawn(NODE, [join(ROOT, 'src/cli.ts'), 'backfill', '--goals', 'goals.yml', '--from', FROM, '--to', TO, '--out', 'out', ...extra], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...w.env, CI: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // A child that hangs is killed after two minutes, so a broken build fails instead of waiting forever.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, signal, stderr });
    }),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

function handbookHistory(w: SampleWorld): string[] {
  const files = w.handbook.projects[HANDBOOK_PROJECT]?.branches.main ?? {};
  return Object.keys(files)
    .filter((p) => p.startsWith(`${DATA_DIR}/`))
    .map((p) => p.slice(DATA_DIR.length + 1, -'.json'.length))
    .sort();
}

function localHistory(dir: string, history = 'out/history'): string[] {
  const path = join(dir, history);
  return existsSync(path)
    ? readdirSync(path)
        .filter((n) => /^\d{4}-\d\d\.json$/.test(n))
        .map((n) => n.slice(0, -'.json'.length))
        .sort()
    : [];
}

/** Polls until `ready()` or the child ended (then the test fails on what it finds). */
async function until(ready: () => boolean, child: Child): Promise<void> {
  let ended = false;
  void child.done.then(() => (ended = true));
  while (!ready() && !ended) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * A snapshot without what differs between two worlds and two runs by construction: the moments it
 * was written at, the email's delivery record, and the fakes' loopback ports (in links, and in the
 * definition hash, which covers the source's URL).
 */
function comparable(text: string): unknown {
  const json = JSON.parse(text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://fake')) as { generated_at?: string; publication?: unknown; metrics: Record<string, { collected_at?: string; definition_hash?: string }> };
  delete json.generated_at;
  delete json.publication;
  for (const metric of Object.values(json.metrics)) {
    delete metric.collected_at;
    delete metric.definition_hash;
  }
  return json;
}

function handbookFile(w: SampleWorld, month: string): string {
  const content = w.handbook.projects[HANDBOOK_PROJECT]?.branches.main?.[`${DATA_DIR}/${month}.json`];
  return typeof content === 'string' ? content : Buffer.from(content ?? '').toString('utf8');
}

/** path → how many commits touched it, without the world's initial import. */
function commitsPerFile(w: SampleWorld): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const commit of (w.handbook.commits[HANDBOOK_PROJECT] ?? []).slice(1)) for (const file of commit.files) counts[file] = (counts[file] ?? 0) + 1;
  return counts;
}

const sourceRequests = (w: SampleWorld) => (['gitlab', 'forum', 'google', 'plausible', 'files'] as const).reduce((n, name) => n + w.servers[name].requests.length, 0);

describe('a backfill stopped part-way resumes', () => {
  it('publishing to the handbook: the killed run checkpointed 4 months; the next run collects only the rest, and the history and commits equal an uninterrupted run', async () => {
    // The reference: one uninterrupted backfill.
    const whole = await world();
    const wholeRun = await backfill(whole.world, whole.dir).done;
    expect(wholeRun.code, wholeRun.stderr).toBe(3); // the sample world has unavailable metrics in earlier months
    expect(handbookHistory(whole.world)).toEqual(ALL);
    // The log says what a backfill publishes, and where.
    expect(wholeRun.stderr).toContain(
      `backfill: each finished month is saved in ${join(whole.dir, 'out/history')} and committed to ${HANDBOOK_PROJECT}@main:${DATA_DIR}; at the end it publishes the page, the PI data and the snapshot of 2026-10 to ${HANDBOOK_PROJECT}, and the email of 2026-10 (once)`,
    );

    // The same backfill, killed once 2026-05 … 2026-07 are in the handbook and in --out/history.
    const gate = newGate();
    const stopped = await world(gate);
    const first = backfill(stopped.world, stopped.dir);
    await until(() => FINISHED.every((m) => handbookHistory(stopped.world).includes(m)) && FINISHED.every((m) => localHistory(stopped.dir).includes(m)), first);
    first.kill();
    const killed = await first.done;
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(handbookHistory(stopped.world)).toEqual(FINISHED);
    expect(localHistory(stopped.dir)).toEqual(FINISHED);
    expect(killed.stderr).toContain('checkpoint: ');
    const requestsBefore = Object.fromEntries(Object.entries(stopped.world.servers).map(([name, s]) => [name, s.requests.length]));
    const sourcesBefore = sourceRequests(stopped.world);
    gate.open();

    // Run it again: only 2026-08 … 2026-10 are collected.
    const again = await backfill(stopped.world, stopped.dir).done;
    expect(again.code, again.stderr).toBe(3);
    expect(again.stderr).toContain('resuming: 4 of 6 months already collected');
    const secondRun = Object.entries(stopped.world.servers).flatMap(([name, s]) => s.requests.slice(requestsBefore[name]).map((r) => ({ name, ...r })));
    // The finished months are not collected again: none is planned, none is logged …
    const collecting = again.stderr.split('\n').find((line) => line.startsWith('collecting '));
    expect(collecting).toContain('2026-09');
    for (const month of FINISHED) expect(collecting).not.toContain(month);
    expect(again.stderr).not.toMatch(/^(\s+|warning: )2026-0[5-8] /m);
    // … and the sources that answer a date range in one request ask for the missing months only.
    const ranges = secondRun.filter((r) => r.name !== 'handbook' && /yearMonth|time:month|dimensions=month|start_date/.test(decodeURIComponent(r.path) + (r.body ?? '')));
    expect(ranges.length).toBeGreaterThanOrEqual(4);
    for (const r of ranges) expect(datesOf(r).sort()[0], `${r.name} ${r.path} ${(r.body ?? '').slice(0, 300)}`).toBe(GATE);
    // Fewer source requests than the whole backfill took.
    const secondSources = sourceRequests(stopped.world) - sourcesBefore;
    expect(secondSources).toBeLessThan(sourceRequests(whole.world));

    // The history equals the uninterrupted run's, in the handbook and in --out/history.
    expect(handbookHistory(stopped.world)).toEqual(ALL);
    expect(localHistory(stopped.dir)).toEqual(ALL);
    for (const month of ALL) {
      expect(comparable(handbookFile(stopped.world, month)), month).toEqual(comparable(handbookFile(whole.world, month)));
      expect(comparable(readFileSync(join(stopped.dir, 'out/history', `${month}.json`), 'utf8')), month).toEqual(comparable(readFileSync(join(whole.dir, 'out/history', `${month}.json`), 'utf8')));
    }
    // No file was committed more often than the uninterrupted run committed it: every history file
    // once, and the page, the PI data, the charts and the reported month as one run commits them.
    expect(commitsPerFile(stopped.world)).toEqual(commitsPerFile(whole.world));
    for (const month of ALL.slice(0, -1)) expect(commitsPerFile(stopped.world)[`${DATA_DIR}/${month}.json`], month).toBe(1);
    // The email went out once.
    expect(stopped.world.smtp.messages).toHaveLength(1);

    // Reported for the closing notes: the numbers of this test.
    console.info(`backfill-resume: uninterrupted ${sourceRequests(whole.world)} source requests; killed after ${FINISHED.length} of ${ALL.length} months with ${sourcesBefore} source requests; resumed run ${secondSources} source requests`);
  }, 300_000);

  it('a dry run with local history (--history): killed part-way, the next run resumes from the local checkpoints', async () => {
    const gate = newGate();
    const { world: w, dir } = await world(gate);
    const args = ['--dry-run', '--history', 'out/history'];
    const first = backfill(w, dir, args);
    await until(() => FINISHED.every((m) => localHistory(dir).includes(m)), first);
    first.kill();
    expect((await first.done).signal).toBe('SIGKILL');
    expect(localHistory(dir)).toEqual(FINISHED);
    // Every checkpoint is a whole, readable snapshot (written to a temporary file, then renamed).
    for (const month of FINISHED) expect(JSON.parse(readFileSync(join(dir, 'out/history', `${month}.json`), 'utf8'))).toMatchObject({ period: month });
    expect(readdirSync(join(dir, 'out/history')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const before = w.servers.google.requests.length;
    gate.open();
    const again = await backfill(w, dir, args).done;
    expect(again.code, again.stderr).toBe(3);
    expect(again.stderr).toContain('resuming: 4 of 6 months already collected');
    expect(localHistory(dir)).toEqual(ALL);
    // Nothing was committed: a dry run.
    expect(handbookHistory(w)).toEqual([]);
    const ga4 = w.servers.google.requests.slice(before).filter((r) => (r.body ?? '').includes('yearMonth'));
    expect(ga4.length).toBeGreaterThan(0);
    for (const r of ga4) expect(datesOf(r).sort()[0]).toBe(GATE);
  }, 300_000);
});
