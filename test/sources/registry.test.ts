import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sources } from '../../src/sources/index.ts';

const sourcesDir = join(import.meta.dirname, '../../src/sources');

describe('source registry', () => {
  it('registers every folder under src/sources/ (one folder per source type, nothing else)', () => {
    const folders = readdirSync(sourcesDir).filter((entry) => statSync(join(sourcesDir, entry)).isDirectory());
    expect([...sources.keys()].sort()).toEqual(folders.sort());
  });

  it('gives every source folder the same vocabulary: config.ts, index.ts, README.md', () => {
    for (const type of sources.keys()) expect(readdirSync(join(sourcesDir, type)), type).toEqual(expect.arrayContaining(['config.ts', 'index.ts', 'README.md']));
  });

  it('gives every source a README for users, a summary and at least one query kind', () => {
    for (const [type, source] of sources) {
      expect(readdirSync(join(sourcesDir, type)), type).toContain('README.md');
      expect(source.summary.length, type).toBeGreaterThan(10);
      expect(source.kinds.length, type).toBeGreaterThan(0);
    }
  });
});
