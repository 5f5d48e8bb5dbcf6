// Issue 20.5, "the way of a value": docs/development.md lists every hop of a monthly target from
// goals.yml to the sent email. This keeps that table true (each hop is where it says, the counts
// in its sentence are the table's), and keeps the goals file's path resolved against the working
// directory in one place (src/goals/location.ts), with no pipeline type carrying it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function section(text: string, heading: string): string {
  const start = text.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`docs/development.md has no "## ${heading}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('the way of a value (docs/development.md)', () => {
  const doc = section(readFileSync(join(ROOT, 'docs/development.md'), 'utf8'), 'The way of a value');
  const rows = [...doc.matchAll(/^\|\s*(\d+)\s*\|\s*`([^`]+)`[^|]*\|\s*(src\/\S+)\s*\|$/gm)].map((m) => ({ n: Number(m[1]), hop: m[2] ?? '', file: m[3] ?? '' }));

  it('lists each hop where it is', () => {
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => i + 1));
    const missing = rows.flatMap(({ hop, file }) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      // `PUBLISH_STEPS[0].run` → PUBLISH_STEPS and run; `Mailer.send` → Mailer is a type elsewhere, send is here.
      const names = hop.split(/[.[\]0-9]+/).filter((name) => name.length > 0);
      const here = names.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
      return here.length > 0 && new RegExp(`\\b${names.at(-1) ?? ''}\\b`).test(text) ? [] : [`${hop} in ${file}`];
    });
    expect(missing).toEqual([]);
  });

  it('states the counts of its table', () => {
    const stated = /(\d+) hops through (\d+) folders/.exec(doc);
    expect(stated).not.toBeNull();
    const folders = new Set(rows.map((r) => dirname(r.file)));
    expect({ hops: Number(stated?.[1]), folders: Number(stated?.[2]) }).toEqual({ hops: rows.length, folders: folders.size });
  });
});

describe('the goals file path', () => {
  it('is resolved against the working directory only in src/goals/location.ts', () => {
    // resolve(cwd, goalsFile), resolve(goalsFile), resolve(dirname(goalsFile), dir), …
    const resolving = /\bresolve\((?:[^()]*\([^()]*\))?[^()]*goals/i;
    const where = files(SRC)
      .filter((f) => resolving.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(where).toEqual(['goals/location.ts']);
  });

  it('is carried by no pipeline type after load', () => {
    const state = readFileSync(join(SRC, 'pipeline/state.ts'), 'utf8');
    const types = [...state.matchAll(/export interface (\w+)[^{]*\{([^}]*)\}/g)].filter(([, name]) => name !== 'RunOptions' && name !== 'RunDeps');
    expect(types.length).toBeGreaterThan(3);
    expect(types.filter(([, , body]) => /goals(File|Path)/.test(body ?? '')).map(([, name]) => name)).toEqual([]);
    expect(state).toMatch(/options: RunSettings;/);
    expect(state).toMatch(/export type RunSettings = Omit<RunOptions, 'goalsFile'>;/);
  });
});
