// `npm run world -- [--goals FILE] [--dir DIR]`: the sample world, kept running until Ctrl-C, so a
// newcomer can follow the first day (docs/first-day.md) against it with the real commands —
// `check --online`, `backfill`, `run` — in another terminal, before any token of their own exists.
// Writes DIR/goals.yml (the example, or FILE pointed at the sample world) and DIR/env.sh (the
// sample world's made-up credentials, as `export` lines), then prints what to run.
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { goalsForSampleWorld } from '../src/commands/demo-goals.ts';
import { startSampleWorld } from './sample-world.ts';

const { values } = parseArgs({ options: { goals: { type: 'string' }, dir: { type: 'string', default: 'sample-world' } } });
const dir = resolve(values.dir ?? 'sample-world');
// No history in the sample handbook: the first day starts without any.
const world = await startSampleWorld({ historyMonths: 0 });
const goals = values.goals ? goalsForSampleWorld(readFileSync(values.goals, 'utf8'), values.goals, world.goalsYaml) : undefined;
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'goals.yml'), goals ? goals.yaml : world.goalsYaml);
const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
await writeFile(
  join(dir, 'env.sh'),
  `${Object.entries(world.env)
    .map(([name, value]) => `export ${name}=${quote(value)}`)
    .join('\n')}\n`,
);
const rel = relative(process.cwd(), dir) || '.';
const lines = [
  `sample world running (Ctrl-C stops it); its data is about ${world.period}`,
  ...(goals?.unserved ?? []).map((u) => `not served by the sample world: source "${u.source}" (${u.type}); left out: ${u.metrics.join(', ')}`),
  'in another terminal:',
  `  . ${rel}/env.sh`,
  `  npm run pulse -- check --goals ${rel}/goals.yml --online`,
  `  npm run pulse -- backfill --goals ${rel}/goals.yml --from 2026-05 --to ${world.period} --out ${rel}/out --no-dry-run`,
  `  npm run pulse -- run --goals ${rel}/goals.yml --period ${world.period} --out ${rel}/out --no-dry-run`,
  'ready',
];
process.stdout.write(`${lines.join('\n')}\n`);
const stop = () => void world.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
