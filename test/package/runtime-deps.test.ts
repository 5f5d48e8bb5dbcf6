// The product (src/, compiled to dist/ and published) imports only its runtime dependencies, and
// never the sample world: demo/ is a development-only workspace, and its packages (msw, smtp-server,
// graphql) are in no production install — not the npm package's, not the image's.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY } from '../../scripts/build-echarts.ts';
import { DEMO_ONLY } from './demo-only.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Packages src/render/echarts.ts imports and `npm run build` bundles into dist/render/echarts.js. */
const BUNDLED: readonly string[] = ['echarts'];

interface Manifest {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  workspaces: string[];
}

interface LockPackage {
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Package names a source text imports: static, type-only, re-exported or lazy (string literal). */
export function importedPackages(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([@a-z][\w@./-]*)['"]/g)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
    names.push(packageOf(spec));
  }
  return names;
}

/** Lockfile paths a production install of the root package holds: its dependencies, transitively (Node's lookup: nested node_modules first). */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const visit = (from: string, deps: Record<string, string>) => {
    for (const name of Object.keys(deps)) {
      let dir = from;
      let found: string | undefined;
      for (;;) {
        const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
        if (lock.packages[candidate]) {
          found = candidate;
          break;
        }
        if (!dir) break;
        const up = dir.lastIndexOf('/node_modules/');
        dir = up < 0 ? '' : dir.slice(0, up);
      }
      if (!found || seen.has(found)) continue;
      seen.add(found);
      const entry = lock.packages[found] ?? {};
      visit(found, { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies });
    }
  };
  visit('', pkg.dependencies);
  return seen;
}

describe('runtime dependencies', () => {
  const imports = new Map<string, string>();
  for (const file of sources(join(ROOT, 'src'))) for (const name of importedPackages(readFileSync(file, 'utf8'))) imports.set(name, file.slice(ROOT.length + 1));

  it('every package src/ imports is in dependencies, except what the build bundles', () => {
    const missing = [...imports].filter(([name]) => !(name in pkg.dependencies) && !BUNDLED.includes(name)).map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing).toEqual([]);
    expect([...imports.keys()]).toEqual(expect.arrayContaining(['nodemailer', 'zod', 'yaml', 'mjml', '@resvg/resvg-js']));
  });

  it('ECharts is bundled into dist/ at build time: a dev dependency, imported only by the module the build replaces', () => {
    // A runtime dependency on echarts would put its 68 MB (with zrender) back into every install.
    for (const name of BUNDLED) {
      expect(pkg.dependencies, name).not.toHaveProperty(name);
      expect(pkg.devDependencies, name).toHaveProperty(name);
    }
    const importers = sources(join(ROOT, 'src'))
      .filter((file) => importedPackages(readFileSync(file, 'utf8')).some((name) => BUNDLED.includes(name)))
      .map((file) => file.slice(ROOT.length + 1));
    expect(importers).toEqual([ENTRY]);
    expect(pkg.scripts.build).toMatch(/^tsc -p tsconfig\.build\.json && node scripts\/build-echarts\.ts$/);
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('no production install resolves echarts, zrender or the DejaVu font package from the lockfile', () => {
    const closure = [...productionClosure()].map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(closure.filter((name) => ['echarts', 'zrender', 'dejavu-fonts-ttf'].includes(name))).toEqual([]);
  });

  it('src/ imports none of the sample world packages, not even their types', () => {
    expect([...imports].filter(([name]) => (DEMO_ONLY as readonly string[]).includes(name)).map(([name, file]) => `${name} (imported by ${file})`)).toEqual([]);
  });

  it('the sample world is a workspace, and its packages are no runtime dependency', () => {
    expect(pkg.workspaces).toEqual(['demo']);
    const demo = JSON.parse(readFileSync(join(ROOT, 'demo/package.json'), 'utf8')) as Manifest & { name: string; private: boolean };
    expect(demo.name).toBe('@community-pulse/demo');
    expect(demo.private).toBe(true);
    for (const name of DEMO_ONLY) expect(pkg.dependencies, name).not.toHaveProperty(name);
    expect(Object.keys(demo.dependencies)).toEqual(expect.arrayContaining(['msw', 'smtp-server', 'graphql']));
  });

  it('no package a production install resolves from the lockfile is a sample world package', () => {
    const closure = productionClosure();
    expect(closure.size).toBeGreaterThan(100);
    expect(closure).toContain('node_modules/nodemailer');
    const demoOnly = [...closure].filter((path) => (DEMO_ONLY as readonly string[]).includes(path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)));
    expect(demoOnly).toEqual([]);
  });

  it('recognises every form of import', () => {
    const text = [
      "import { http } from 'msw';",
      "import type { Server } from 'smtp-server';",
      "export { x } from '@community-pulse/demo/world';",
      "const g = await import('graphql');",
      "import { z } from 'zod';",
      "import { a } from './local.ts';",
      "import { b } from 'node:fs';",
    ].join('\n');
    expect(importedPackages(text)).toEqual(['msw', 'smtp-server', '@community-pulse/demo', 'graphql', 'zod']);
  });
});
