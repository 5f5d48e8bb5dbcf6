// `npm run build`, after tsc: replaces dist/render/echarts.js (tsc's copy of src/render/echarts.ts,
// which imports echarts from node_modules) with a single-file ES module bundle of the ECharts parts
// the chart uses, so the published package has no run-time dependency on echarts: installed, the
// package needs 2 MB of bundle instead of 68 MB of echarts and zrender (their prebuilt dist/
// bundles alone are 51 MB, and the CLI never loads them). The licences of every bundled package go
// beside it, in dist/THIRD_PARTY_NOTICES.md.
//
// Reproducible: no timestamps, no absolute paths (rolldown names modules relative to the working
// directory, and the build runs from the package root), modules in rolldown's order, packages sorted.
//
//   node scripts/build-echarts.ts        writes dist/render/echarts.js and dist/THIRD_PARTY_NOTICES.md
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { rolldown } from 'rolldown';

const ROOT = join(import.meta.dirname, '..');
export const ENTRY = 'src/render/echarts.ts';
export const BUNDLE = 'dist/render/echarts.js';
export const NOTICES = 'dist/THIRD_PARTY_NOTICES.md';

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  /** The package's licence and notice files, by file name (LICENSE, NOTICE, licenses/LICENSE-d3). */
  texts: { file: string; text: string }[];
}

export interface EChartsBundle {
  code: string;
  /** Bare specifiers the bundle still imports (node: built-ins only, or the build fails). */
  imports: string[];
  packages: BundledPackage[];
  notices: string;
}

/** The folder of the package a module file belongs to: the path up to its last node_modules/<name>. */
function packageDir(file: string): string | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = file.slice(at + marker.length).split(sep);
  const name = parts[0]?.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1);
  return file.slice(0, at + marker.length) + name.join(sep);
}

const LICENCE_FILE = /^(licen[cs]e|notice|copying)(\.(md|txt))?$/i;

function licenceTexts(dir: string): { file: string; text: string }[] {
  const files = readdirSync(dir).filter((f) => LICENCE_FILE.test(f));
  // ECharts keeps the licences of code it embeds (d3) in licenses/.
  if (existsSync(join(dir, 'licenses'))) files.push(...readdirSync(join(dir, 'licenses')).map((f) => `licenses/${f}`));
  return files.sort().map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8').trim() }));
}

function bundledPackages(moduleIds: readonly string[]): BundledPackage[] {
  const dirs = new Set(moduleIds.map((id) => packageDir(id)).filter((d): d is string => d !== undefined));
  const packages = [...dirs].map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
    return { name: manifest.name, version: manifest.version, license: manifest.license, texts: licenceTexts(dir) };
  });
  // One entry per name and version (echarts and zrender each carry their own copy of tslib 2.3.0).
  const unique = new Map(packages.map((p) => [`${p.name}@${p.version}`, p]));
  return [...unique.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

function noticesText(packages: readonly BundledPackage[]): string {
  const lines = ['# Third-party notices', '', `\`${BUNDLE}\` is a bundle of the following packages (\`npm run build\`, scripts/build-echarts.ts).`, 'Their licences and notices follow.', '', ...packages.map((p) => `- ${p.name} ${p.version} (${p.license})`)];
  for (const p of packages) {
    lines.push('', `## ${p.name} ${p.version}`, '');
    for (const t of p.texts) lines.push(`### ${t.file}`, '', '```text', t.text, '```', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

/** Bundles ENTRY in memory (run from `root`, the package root); writes nothing. */
export async function bundleECharts(root = ROOT): Promise<EChartsBundle> {
  const build = await rolldown({ input: ENTRY, platform: 'node', cwd: root, logLevel: 'warn', treeshake: true });
  try {
    const { output } = await build.generate({ format: 'esm', codeSplitting: false, sourcemap: false });
    const chunk = output[0];
    const packages = bundledPackages(chunk.moduleIds);
    const names = packages.map((p) => `${p.name} ${p.version} (${p.license})`).join(', ');
    const banner = `// Bundled by scripts/build-echarts.ts from ${ENTRY}: ${names}.\n// Licences and notices: ${NOTICES}.`;
    const code = `${banner}\n${chunk.code}`;
    const imports = [...chunk.imports, ...chunk.dynamicImports];
    return { code, imports, packages, notices: noticesText(packages) };
  } finally {
    await build.close();
  }
}

/** The build step: fails when the bundle would still import a package at run time. */
export async function writeEChartsBundle(root = ROOT): Promise<EChartsBundle> {
  const bundle = await bundleECharts(root);
  const bare = bundle.imports.filter((s) => !isBuiltin(s));
  if (bare.length > 0) throw new Error(`${ENTRY}: the bundle still imports ${bare.join(', ')} at run time\nfix: bundle them too (scripts/build-echarts.ts)`);
  if (!bundle.packages.some((p) => p.name === 'echarts') || !bundle.packages.some((p) => p.name === 'zrender')) {
    throw new Error(`${ENTRY}: the bundle holds ${bundle.packages.map((p) => p.name).join(', ')}, expected echarts and zrender`);
  }
  writeFileSync(join(root, BUNDLE), bundle.code);
  // tsc's source map describes the file just replaced.
  rmSync(join(root, `${BUNDLE}.map`), { force: true });
  writeFileSync(join(root, NOTICES), bundle.notices);
  return bundle;
}

if (import.meta.main) {
  const bundle = await writeEChartsBundle();
  const kb = (Buffer.byteLength(bundle.code) / 1024).toFixed(0);
  console.log(`${BUNDLE}: ${kb} KB, ${bundle.packages.map((p) => `${p.name}@${p.version}`).join(', ')}; ${relative(ROOT, join(ROOT, NOTICES))}`);
}
