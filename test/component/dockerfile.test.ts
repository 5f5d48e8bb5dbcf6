// What can be checked about the image without a Docker engine: the Dockerfile's invariants, read
// statically. The image itself is built by this project's pipeline (templates-ci/image.yml).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[]; engines: { node: string } };

interface Instruction {
  op: string;
  args: string;
}

/** Instructions per stage; continuation lines joined, comments dropped, ARGs substituted. */
function stages(): Instruction[][] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const args = new Map<string, string>();
  const out: Instruction[][] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    const value = rest.join(' ').replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? '');
    if (op === 'ARG' && out.length === 0) {
      const [name = '', def = ''] = value.split('=');
      args.set(name, def);
      continue;
    }
    if (op === 'FROM') out.push([]);
    out.at(-1)?.push({ op, args: value });
  }
  return out;
}

/** The .dockerignore allowlist: every line after `*` that starts with `!`. */
function allowed(): string[] {
  const lines = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  expect(lines[0], '.dockerignore starts by ignoring everything').toBe('*');
  return lines.slice(1).map((l) => {
    expect(l.startsWith('!'), `${l}: only re-includes after *`).toBe(true);
    return l.slice(1).replace(/\/$/, '');
  });
}

describe('Dockerfile', () => {
  const all = stages();
  const runtime = all.at(-1) ?? [];

  it('builds on Node 24 slim in every stage (the engines field says 24)', () => {
    expect(pkg.engines.node).toBe('>=24');
    for (const stage of all) expect(stage[0]?.args).toMatch(/^node:24-slim( AS \w+)?$/);
  });

  it('the runtime stage installs production dependencies only, and compiles nothing itself', () => {
    const runs = runtime.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs.join(' ')).not.toMatch(/npm (install|i)\b(?!.*--omit=dev)/);
    expect(runs.join(' ')).not.toMatch(/\btsc\b/);
    expect(runtime.some((i) => i.op === 'COPY' && /^--from=build \S+\/dist \.\/dist$/.test(i.args))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const users = runtime.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('puts the package bin on PATH as community-pulse, from a file the package ships', () => {
    const entry = pkg.bin['community-pulse'];
    expect(entry).toBeDefined();
    expect(existsSync(join(ROOT, entry ?? ''))).toBe(true);
    expect(pkg.files).toContain((entry ?? '').split('/')[0]);
    const link = runtime.find((i) => i.op === 'RUN' && i.args.includes('/usr/local/bin/community-pulse'));
    expect(link?.args).toContain(`ln -s /opt/community-pulse/${entry} /usr/local/bin/community-pulse`);
    // The image proves the command starts while it is built.
    expect(link?.args).toContain('community-pulse --version');
  });

  it('has no ENTRYPOINT (GitLab runs job scripts through the shell)', () => {
    expect(all.flat().filter((i) => i.op === 'ENTRYPOINT')).toEqual([]);
  });

  it('copies only what .dockerignore lets into the context, and everything the package ships', () => {
    const allow = allowed();
    const sources = all.flat().filter((i) => i.op === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(allow, `${source} is in the .dockerignore allowlist`).toContain(source.replace(/\/$/, ''));
    }
    // What `npm pack` ships is in the image (dist comes from the build stage).
    for (const file of pkg.files.filter((f) => f !== 'dist')) expect(sources, file).toContain(file);
    expect(allow).not.toContain('node_modules');
    expect(allow).not.toContain('test');
  });
});
