// What can be checked about the image without a Docker engine: the Dockerfile's invariants, read
// statically. The image itself is built by this project's pipeline (templates-ci/image.yml).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[]; engines: { node: string }; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }> };

interface Instruction {
  op: string;
  args: string;
}

/** Instructions per stage; continuation lines joined, comments dropped, ARGs substituted. */
function stages(): Instruction[][] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
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
  const lines = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
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

  it('production dependencies need no install script (the image installs them with --ignore-scripts)', () => {
    const runs = runtime
      .filter((i) => i.op === 'RUN')
      .map((i) => i.args)
      .join(' ');
    expect(runs).toMatch(/npm ci --omit=dev --ignore-scripts/);
    const scripted = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && !p.dev && p.hasInstallScript)
      .map(([name]) => name);
    expect(scripted).toEqual([]);
  });

  it('ships the chart font: the fonts/ folder is in the package and copied into the image', () => {
    // resvg draws no chart text without a font file; src/render/fonts.ts reads ../../fonts/ (from
    // dist/render/ in the image).
    expect(pkg.files).toContain('fonts');
    expect(runtime.some((i) => i.op === 'COPY' && i.args === 'fonts ./fonts')).toBe(true);
    for (const face of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'LICENSE']) expect(existsSync(join(ROOT, 'fonts', face)), face).toBe(true);
    expect(Object.keys(pkg.dependencies)).not.toContain('dejavu-fonts-ttf');
  });

  it('builds dist/ as `npm run build` does: tsc, then the ECharts bundle', () => {
    const build = all[0] ?? [];
    const steps = build
      .filter((i) => i.op === 'RUN')
      .flatMap((i) => i.args.split('&&'))
      .map((s) => s.trim());
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { build: string } };
    // The same commands, with tsc called by its path (the image installs without the `node` shim).
    expect(steps).toEqual(expect.arrayContaining(scripts.scripts.build.split('&&').map((s) => s.trim().replace(/^tsc /, 'node node_modules/typescript/bin/tsc '))));
    expect(build.some((i) => i.op === 'COPY' && i.args === 'scripts ./scripts')).toBe(true);
  });

  it('prunes nothing the CLI loads: no source file imports TypeScript', () => {
    const prune = runtime.find((i) => i.op === 'RUN' && i.args.includes('rm -rf node_modules/typescript'));
    expect(prune).toBeDefined();
    const sources = execFileSync('git', ['ls-files', 'src', 'bin'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|js)$/.test(f));
    for (const file of sources) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/from ['"]typescript['"]|import\(['"]typescript['"]\)/);
    }
  });

  it('holds no sample world: the demo workspace is neither in the build context nor copied', () => {
    // The lockfile lists the workspace's packages (msw, smtp-server, graphql) as production ones:
    // `npm ci --omit=dev` leaves them out only when demo/ is absent (npm run check:install shows it).
    const copied = all
      .flat()
      .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(copied.filter((source) => /^(\.\/?)?(demo\b|\.$)/.test(source))).toEqual([]);
    expect(allowed().filter((path) => /^demo\b/.test(path))).toEqual([]);
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).not.toMatch(/sample-world|dist\/demo/);
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
    const sources = all
      .flat()
      .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
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
