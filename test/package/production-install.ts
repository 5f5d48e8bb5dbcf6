// `npm run check:install`: the two production installs of community-pulse, measured and exercised.
//   package  what a team gets from `npm install community-pulse`: this checkout packed (prepack
//            builds dist/), the tarball installed with production dependencies only
//   image    the Dockerfile's runtime stage without Docker: its `npm ci --omit=dev ...` and pruning
//            commands run on package.json and the lockfile, then the files the image copies
// For each: no sample-world package, neither ECharts nor the DejaVu font package (the build bundles
// the one, fonts/ holds the other), node_modules under the issue's 110 MB budget, and the installed
// CLI working — --help, check, a dry run against the sample world (started here, from the clone)
// whose chart PNGs have their text drawn, and `demo` refusing with its fix (exit 2). Needs the npm
// registry for the dependencies and takes a minute or two, so it is a script, not part of `npm test`.
//
//   npm run check:install             the report; exit 1 when a check fails
//   npm run check:install -- --keep   leave the temp dir for a look
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSampleWorld } from '@community-pulse/demo/sample-world';
import { pngOptions } from '../../src/render/charts.ts';
import { chartFontFiles } from '../../src/render/fonts.ts';
import { DEMO_ONLY } from './demo-only.ts';

/** The issue's budget for a production install's node_modules (the package's and the image's). */
const BUDGET_MB = 110;
/** In no production install: dist/render/echarts.js bundles ECharts (and zrender), fonts/ holds the chart font. */
const NOT_INSTALLED = ['echarts', 'zrender', 'dejavu-fonts-ttf'] as const;
const ROOT = join(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Asynchronous on purpose: the sample world serves from this process while the CLI runs. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function must(command: string, args: readonly string[], cwd: string): Promise<Ran> {
  const ran = await run(command, args, cwd);
  if (ran.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${ran.code}):\n${ran.stderr}`);
  return ran;
}

/** Every installed package: its name, and how many package folders there are (npm's count of what it added). */
function installedPackages(dir: string, found = { names: new Set<string>(), folders: 0 }): { names: Set<string>; folders: number } {
  const modules = join(dir, 'node_modules');
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules).filter((e) => !e.startsWith('.'))) {
    const names = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of names) {
      found.names.add(name);
      found.folders += 1;
      installedPackages(join(modules, name), found);
    }
  }
  return found;
}

/** The runtime stage's install-and-prune commands, minus the cache cleaning (not this machine's to wipe). */
function imageInstallCommands(): string {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const line = text.split('\n').find((l) => /^RUN npm ci --omit=dev/.test(l.trim()));
  if (!line) throw new Error('Dockerfile: no `RUN npm ci --omit=dev` line');
  const steps = line
    .trim()
    .replace(/^RUN\s+/, '')
    .split('&&')
    .map((s) => s.trim())
    .filter((s) => /^npm ci /.test(s) || /^(rm -rf|find) node_modules\//.test(s));
  return steps.join(' && ');
}

/** The biggest top-level folders of node_modules (scopes counted as one), for the report. */
async function largest(dir: string, count: number): Promise<string> {
  const modules = join(dir, 'node_modules');
  const entries = readdirSync(modules).filter((e) => !e.startsWith('.'));
  const sizes = (await must('du', ['-sk', ...entries], modules)).stdout
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .map(([kb, name]) => ({ name: name ?? '', mb: Number(kb) / 1024 }));
  return sizes
    .sort((a, b) => b.mb - a.mb)
    .slice(0, count)
    .map((s) => `${s.name} ${s.mb.toFixed(1)}`)
    .join(', ');
}

async function measure(label: string, dir: string): Promise<void> {
  const kb = Number((await must('du', ['-sk', 'node_modules'], dir)).stdout.split(/\s/)[0]);
  const packages = installedPackages(dir);
  console.log(`${label}: node_modules ${(kb / 1024).toFixed(1)} MB (du -sk), ${packages.folders} packages (${packages.names.size} names)`);
  console.log(`${label}: largest (MB): ${await largest(dir, 8)}`);
  const demo = DEMO_ONLY.filter((name) => packages.names.has(name));
  check(demo.length === 0, `${label}: no sample-world package (${DEMO_ONLY.join(', ')})${demo.length ? `: found ${demo.join(', ')}` : ''}`);
  const bundled = NOT_INSTALLED.filter((name) => packages.names.has(name));
  check(bundled.length === 0, `${label}: no ${NOT_INSTALLED.join(', ')} (bundled in dist/, fonts in fonts/)${bundled.length ? `: found ${bundled.join(', ')}` : ''}`);
  check(kb / 1024 < BUDGET_MB, `${label}: node_modules under ${BUDGET_MB} MB`);
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * The installed CLI drew its chart text: each PNG it wrote is what the installed resvg draws from the
 * chart's SVG with the DejaVu faces, and differs from a render without fonts (resvg then silently
 * drops every text, so a PNG without text would match that one instead).
 */
function checkChartText(label: string, dir: string, out: string): void {
  const pngs = filesIn(out).filter((f) => f.endsWith('.png'));
  check(pngs.length > 0, `${label}: the dry run wrote chart PNGs (${pngs.length})`);
  const { Resvg } = createRequire(join(dir, 'package.json'))('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const fonts = chartFontFiles();
  const drawn = (svg: string, fontFiles: string[]) => Buffer.from(new Resvg(svg, pngOptions(fontFiles)).render().asPng());
  const withoutText = pngs.filter((png) => {
    const svg = readFileSync(png.replace(/\.png$/, '.svg'), 'utf8');
    const written = readFileSync(png);
    return !written.equals(drawn(svg, [fonts.regular, fonts.bold])) || written.equals(drawn(svg, []));
  });
  check(pngs.length > 0 && withoutText.length === 0, `${label}: every chart PNG has its text drawn with the DejaVu faces${withoutText.length ? `: not ${withoutText.join(', ')}` : ''}`);
}

async function exercise(label: string, dir: string, bin: string, examples: string): Promise<void> {
  const cli = (args: readonly string[], env: Record<string, string> = {}) => run(process.execPath, [bin, ...args], dir, { PATH: process.env.PATH ?? '', HOME: dir, ...env });
  const help = await cli(['--help']);
  check(help.code === 0 && help.stdout.includes('community-pulse'), `${label}: community-pulse --help exits 0`);
  const checked = await cli(['check', '--goals', join(examples, 'goals.yml')]);
  check(checked.code === 0, `${label}: community-pulse check --goals examples/goals.yml exits 0${checked.code ? `: ${checked.stderr}` : ''}`);
  const world = await startSampleWorld();
  try {
    writeFileSync(join(dir, 'goals.yml'), world.goalsYaml);
    const dry = await cli(['run', '--goals', 'goals.yml', '--period', world.period, '--dry-run', '--out', 'out'], world.env);
    check(dry.code === 0 && existsSync(join(dir, 'out/email.html')), `${label}: community-pulse run --dry-run against the sample world exits 0 and writes out/email.html${dry.code ? ` (exit ${dry.code}): ${dry.stderr}` : ''}`);
    if (dry.code === 0) checkChartText(label, dir, join(dir, 'out'));
  } finally {
    await world.close();
  }
  const demo = await cli(['demo', '--out', 'pulse-demo']);
  check(demo.code === 2 && demo.stderr.includes('npm ci && npm run demo'), `${label}: community-pulse demo exits 2 and says to clone (exit ${demo.code})`);
}

const work = mkdtempSync(join(tmpdir(), 'pulse-install-'));
try {
  // package: the tarball, as a team installs it.
  const packed = await must('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
  const tarball = join(work, packed.stdout.trim().split('\n').at(-1) ?? '');
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "team-pulse", "private": true }\n');
  await must('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', tarball], app);
  await measure('package', app);
  await exercise('package', app, join(app, 'node_modules/.bin/community-pulse'), join(app, 'node_modules/community-pulse/examples'));

  // image: the Dockerfile's runtime stage, its dist/ being the one prepack just built.
  const image = join(work, 'image');
  mkdirSync(image);
  // What the image copies: the package's files (test/component/dockerfile.test.ts holds them equal).
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  for (const file of ['package.json', 'package-lock.json', ...manifest.files]) cpSync(join(ROOT, file), join(image, file), { recursive: true });
  const commands = imageInstallCommands();
  console.log(`image: ${commands}`);
  await must('sh', ['-c', commands], image);
  await measure('image', image);
  // The image runs dist/ (no src/ in it), as an installed package does.
  check(!existsSync(join(image, 'src')), 'image: runs the compiled dist/');
  await exercise('image', image, join(image, 'bin/community-pulse.js'), join(image, 'examples'));
} finally {
  if (values.keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('every check passed');
