// `--help` and `check` must not pay for mjml (~0.7 s) or the chart libraries: they load only when
// an email or a chart is rendered. Nor does help load any command's implementation: the command
// table holds only what help prints. A module hook in the child process records what was loaded.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const HEAVY = /node_modules\/(mjml[^/]*|echarts|zrender|@resvg)\//;

const TRACE = `
import { registerHooks } from 'node:module';
import { writeSync } from 'node:fs';
const seen = new Set();
registerHooks({
  load(url, context, next) {
    seen.add(url);
    return next(url, context);
  },
});
process.on('exit', () => writeSync(2, '\\nLOADED ' + JSON.stringify([...seen]) + '\\n'));
`;

function loaded(args: string[]): { code: number | null; heavy: string[]; all: number; handlebars: boolean; urls: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-trace-'));
  const trace = join(dir, 'trace.mjs');
  writeFileSync(trace, TRACE);
  const run = spawnSync(process.execPath, ['--import', trace, join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  const line = /\nLOADED (.*)\n/.exec(run.stderr)?.[1];
  if (!line) throw new Error(`no trace: ${run.stderr}`);
  const urls = JSON.parse(line) as string[];
  return { code: run.status, heavy: urls.filter((u) => HEAVY.test(u)), all: urls.length, handlebars: urls.some((u) => u.includes('node_modules/handlebars/')), urls };
}

// Libraries only some command paths need; printing help or the version needs none of them.
const NOT_FOR_HELP = ['nodemailer', 'csv-parse', 'yaml', 'smtp-server', 'msw', 'graphql', 'mjml', 'echarts', 'zrender', '@resvg', 'handlebars'];
// Today help loads the CLI, the command table (one small file per command) and errors/periods/env:
// about 17 files. The bound leaves room for a few more commands, and fails long before the 158
// files help loaded when each command file imported its implementation.
const MAX_SRC_FOR_HELP = 30;

function packagesIn(urls: readonly string[]): string[] {
  const names = urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((n): n is string => n !== undefined);
  return [...new Set(names)];
}

describe('start-up: help loads the command table, not the commands', () => {
  for (const args of [['--help'], ['help'], ['check', '--help'], ['run', '--help'], ['--version']]) {
    it(`${args.join(' ')} loads none of ${NOT_FOR_HELP.length} heavy libraries and fewer than ${MAX_SRC_FOR_HELP} source files`, () => {
      const result = loaded(args);
      expect(result.code).toBe(0);
      const packages = packagesIn(result.urls);
      expect(packages.filter((p) => NOT_FOR_HELP.some((heavy) => p === heavy || p.startsWith(`${heavy}-`) || p.startsWith(`${heavy}/`)))).toEqual([]);
      const src = result.urls.filter((u) => u.startsWith('file://') && u.includes('/src/') && !u.includes('/node_modules/'));
      // The control: the trace sees the CLI and its command table.
      expect(src.some((u) => u.endsWith('/src/commands/index.ts'))).toBe(true);
      expect(src.length).toBeLessThan(MAX_SRC_FOR_HELP);
    });
  }

  it('the trace does see them when a command runs (the control)', () => {
    const result = loaded(['check', '--goals', 'examples/goals.yml']);
    expect(result.code).toBe(0);
    expect(packagesIn(result.urls)).toContain('yaml');
    expect(result.urls.filter((u) => u.includes('/src/')).length).toBeGreaterThan(MAX_SRC_FOR_HELP);
  });
});

describe('lazy loading of the render libraries', () => {
  it('--help loads neither mjml nor ECharts nor resvg', () => {
    const result = loaded(['--help']);
    expect(result.code).toBe(0);
    expect(result.all).toBeGreaterThan(10);
    expect(result.heavy).toEqual([]);
    // Nor the template engine: the pipeline imports the renderer when it renders.
    expect(result.handlebars).toBe(false);
  });

  it('check loads neither, even with a templates override to verify', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-trace-check-'));
    mkdirSync(join(dir, 'tpl/page'), { recursive: true });
    copyFileSync(join(ROOT, 'templates/page/page.md.hbs'), join(dir, 'tpl/page/page.md.hbs'));
    writeFileSync(
      join(dir, 'goals.yml'),
      readFileSync(join(ROOT, 'examples/goals.yml'), 'utf8').replace(/^report:.*\n/m, (line) => `${line}  templates_dir: tpl\n`),
    );
    const plain = loaded(['check', '--goals', 'examples/goals.yml']);
    expect(plain.code).toBe(0);
    expect(plain.heavy).toEqual([]);
    // check assembles the publishing steps but sends and composes nothing, and reads no CSV. (It
    // does parse the recipients with nodemailer's addressparser: one dependency-free file.)
    expect(packagesIn(plain.urls.filter((u) => !u.includes('nodemailer/dist/esm/addressparser/'))).filter((p) => p === 'nodemailer' || p === 'csv-parse')).toEqual([]);
    const withOverride = loaded(['check', '--goals', join(dir, 'goals.yml')]);
    expect(withOverride.code).toBe(0);
    expect(withOverride.heavy).toEqual([]);
  });

  it('the trace does see them when a report is rendered (the control)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-trace-render-'));
    const script = join(dir, 'render.ts');
    writeFileSync(
      script,
      `import { renderReport } from ${JSON.stringify(join(ROOT, 'test/render/helpers.ts'))};
import { fixedReport } from ${JSON.stringify(join(ROOT, 'test/render/fixture.ts'))};
await renderReport(fixedReport());`,
    );
    const trace = join(dir, 'trace.mjs');
    writeFileSync(trace, TRACE);
    const run = spawnSync(process.execPath, ['--import', trace, script], { cwd: ROOT, encoding: 'utf8' });
    const urls = JSON.parse(/\nLOADED (.*)\n/.exec(run.stderr)?.[1] ?? '[]') as string[];
    expect(urls.some((u) => /node_modules\/mjml\//.test(u))).toBe(true);
    expect(urls.some((u) => /node_modules\/echarts\//.test(u))).toBe(true);
    // Deep imports: the chart barrels are never loaded.
    expect(urls.some((u) => /echarts\/(charts|components)\.js$/.test(u))).toBe(false);
  });
});
