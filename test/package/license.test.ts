// The package says MIT in package.json; the LICENSE file is the text that grants it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('LICENSE', () => {
  it('is the MIT licence package.json names, held by the community-pulse contributors', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string };
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(pkg.license).toBe('MIT');
    expect(text.split('\n')[0]).toBe('MIT License');
    expect(text).toMatch(/^Copyright \(c\) \d{4} community-pulse contributors$/m);
    expect(text).toContain('Permission is hereby granted, free of charge, to any person obtaining a copy');
  });
});
