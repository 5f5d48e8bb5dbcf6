// Imports only point down: a module may import from its own layer or a lower one, never a higher
// one. The order is the one named in docs/development.md ("Layers"); a new top-level folder under
// src/ must be given a place here before any code in it can be imported. The sample world is not a
// layer: it is the development-only workspace demo/, above everything — it imports the product, and
// no module of src/ may import it or anything else outside src/ (it is not in a production install).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Lowest first. Top-level files of src/ are named by their file name without `.ts`. */
export const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'env', 'log', 'secrets', 'text', 'ci-sections'],
  ['periods'],
  ['http', 'services'],
  ['fields'],
  ['auth'],
  ['sources'],
  ['goals'],
  ['collect'],
  ['history'],
  ['evaluate'],
  ['render'],
  ['publish', 'preview'],
  ['pipeline'],
  ['commands'],
  ['cli'],
];

function layerOf(file: string): number {
  const first = relative(SRC, file).split(sep)[0] ?? '';
  const name = first.replace(/\.ts$/, '');
  const rank = LAYERS.findIndex((names) => names.includes(name));
  if (rank < 0) throw new Error(`src/${first} has no layer: add it to LAYERS in test/architecture/layers.test.ts and to docs/development.md ("Layers")`);
  return rank;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module specifier: static imports and re-exports (type-only included), dynamic import(). */
export function relativeImports(text: string): string[] {
  const specs: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) specs.push(match[1] ?? '');
  return specs;
}

export function backEdges(files: readonly string[], read: (file: string) => string): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    for (const spec of relativeImports(read(file))) {
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC + sep)) {
        found.push(`src/${relative(SRC, file)} imports ${spec}, outside src/ (a production install holds only src/, compiled)`);
        continue;
      }
      const to = layerOf(target);
      if (to > from) found.push(`src/${relative(SRC, file)} imports ${spec} (layer ${LAYERS[to]?.join('/')} is above ${LAYERS[from]?.join('/')})`);
    }
  }
  return found;
}

describe('layering', () => {
  it('has no import from a lower layer to a higher one', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(backEdges(files, (file) => readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('catches a back-edge, a type-only one included', () => {
    const fake = (path: string) => join(SRC, path);
    const text: Record<string, string> = {
      [fake('periods/periods.ts')]: "import type { Goals } from '../goals/goals.ts';\n",
      [fake('http/client.ts')]: "import { x } from '../errors.ts';\nconst m = await import('../pipeline/pipeline.ts');\n",
    };
    const edges = backEdges(Object.keys(text), (file) => text[file] ?? '');
    expect(edges).toHaveLength(2);
    expect(edges[0]).toContain('src/periods/periods.ts imports ../goals/goals.ts');
    expect(edges[1]).toContain('../pipeline/pipeline.ts');
  });

  it('catches an import of the sample world (or anything else outside src/), lazy ones included', () => {
    const file = join(SRC, 'commands/demo-run.ts');
    const edges = backEdges([file], () => "const w = await import('../../demo/sample-world.ts');\nimport type { X } from '../../test/support/clock.ts';\n");
    expect(edges).toHaveLength(2);
    expect(edges[0]).toContain('src/commands/demo-run.ts imports ../../demo/sample-world.ts, outside src/');
  });

  it('refuses a folder with no layer', () => {
    expect(() => backEdges([join(SRC, 'misc/thing.ts')], () => '')).toThrow(/has no layer/);
  });
});
