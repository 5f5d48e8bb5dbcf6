import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sources } from '../../src/sources/index.ts';

const sourcesDir = join(import.meta.dirname, '../../src/sources');

describe('source registry', () => {
  it('registers every folder under src/sources/ (one folder per source type)', () => {
    const folders = readdirSync(sourcesDir)
      .filter((entry) => statSync(join(sourcesDir, entry)).isDirectory())
      .filter((entry) => readdirSync(join(sourcesDir, entry)).includes('config.ts'));
    expect([...sources.keys()].sort()).toEqual(folders.sort());
  });

  it('gives every source a README for users, a summary and at least one query kind', () => {
    for (const [type, source] of sources) {
      expect(readdirSync(join(sourcesDir, type)), type).toContain('README.md');
      expect(source.summary.length, type).toBeGreaterThan(10);
      expect(source.kinds.length, type).toBeGreaterThan(0);
    }
  });
});
