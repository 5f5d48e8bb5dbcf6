// The publishing end to end: the sample world (every API, the handbook repository, SMTP) in this
// process on loopback, and `community-pulse run` as a child process, in CI mode, with only the
// world's credentials in its environment. Collects everything a secret could leak into.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli as spawnCliWithDeadline } from '../support/spawn-cli.ts';
import { startSampleWorld, type SampleWorld, type SampleWorldOptions } from '@community-pulse/demo/sample-world';

export type { Spawned as Ran } from '../support/spawn-cli.ts';
import type { Spawned as Ran } from '../support/spawn-cli.ts';

export interface PublishWorld {
  world: SampleWorld;
  dir: string;
  /** `community-pulse run --goals goals.yml --period 2026-10 --out out` plus `args`, in CI. */
  run(args?: string[], env?: Record<string, string>): Promise<Ran>;
  /** Every log, handbook file, merge request, received email and --out file so far, as one text. */
  everything(): string;
  /** Files under --out, relative. */
  outFiles(): string[];
  close(): Promise<void>;
}

/** The CLI as a child process; a publishing run collects at the sample APIs' real pace, so it gets a minute. */
const spawnCli = (args: string[], cwd: string, env: Record<string, string>): Promise<Ran> => spawnCliWithDeadline(args, cwd, env, 60_000);

function walk(dir: string, base = dir): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(walk(path, base));
    else out.push(path.slice(base.length + 1));
  }
  return out.sort();
}

export async function publishWorld(options: SampleWorldOptions = {}): Promise<PublishWorld> {
  const world = await startSampleWorld(options);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-e2e-'));
  writeFileSync(join(dir, 'goals.yml'), world.goalsYaml);
  const logs: string[] = [];
  return {
    world,
    dir,
    async run(args = [], env = {}) {
      const ran = await spawnCli(['run', '--goals', 'goals.yml', '--period', world.period, '--out', 'out', ...args], dir, { ...world.env, CI: 'true', ...env });
      logs.push(ran.stdout, ran.stderr);
      return ran;
    },
    everything() {
      const project = Object.values(world.handbook.projects)[0];
      const files = Object.values(project?.branches ?? {}).flatMap((b) => Object.values(b).map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'))));
      const commits = Object.values(world.handbook.commits)
        .flat()
        .map((c) => `${c.message} ${c.authorName} ${c.authorEmail}`);
      const mrs = world.handbook.mergeRequests.map((m) => `${m.title}\n${m.description}\n${m.notes.map((n) => n.body).join('\n')}`);
      const mails = world.smtp.messages.map((m) => m.raw.toString('latin1'));
      const out = walk(join(dir, 'out')).map((f) => readFileSync(join(dir, 'out', f)).toString('latin1'));
      return [...logs, ...files, ...commits, ...mrs, ...mails, ...out].join('\n');
    },
    outFiles: () => walk(join(dir, 'out')),
    async close() {
      await world.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fails the test if any credential of the world appears anywhere. */
export function secretsIn(text: string, world: SampleWorld): string[] {
  return world.secrets.filter((s) => s.length > 0 && text.includes(s));
}
