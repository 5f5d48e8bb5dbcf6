// Issue 20.5, "one home per fact": the shapes of a breakdown are listed once (BREAKDOWN_KINDS in
// src/sources/types.ts); the snapshot schema, the report model and the renderers read that list,
// so a new shape is added in one place and the type checker finds every switch that must handle it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one home per fact', () => {
  it('the breakdown shapes are listed once', () => {
    // A list of the shapes, as an array or a union of string literals.
    const listing = /'releases'\s*[,|]\s*'cohorts'/;
    const where = files(SRC)
      .filter((f) => listing.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(where).toEqual(['sources/types.ts']);
  });
});
