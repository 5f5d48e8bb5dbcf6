// `node bench/demo.ts [--runs N]`: wall time of `community-pulse demo` (the whole job against the
// sample world: collect, judge, render, commit, email) as a fresh process, N times. The issue's
// budget is 10 s on a developer machine; CI machines here are shared and slower.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, screenshots: { type: 'boolean', default: false } } });
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const times: number[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-demo-'));
  const started = performance.now();
  // Without screenshots unless asked: Chromium's start-up would dominate the number.
  const env = values.screenshots ? process.env : { ...process.env, PATH: join(process.execPath, '..') };
  const run = spawnSync(process.execPath, [cli, 'demo', '--out', join(dir, 'demo')], { encoding: 'utf8', env });
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) {
    console.error(run.stderr);
    throw new Error(`demo exited ${run.status}`);
  }
  times.push(ms);
  console.log(`run ${i + 1}: ${(ms / 1000).toFixed(2)} s`);
}
times.sort((a, b) => a - b);
console.log(`demo wall time over ${times.length} runs: min ${(times[0]! / 1000).toFixed(2)} s, median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s, max ${(times.at(-1)! / 1000).toFixed(2)} s`);
