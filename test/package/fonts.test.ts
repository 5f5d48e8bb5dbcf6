// The chart font ships in the package's fonts/ folder (no font package at run time): the two
// DejaVu Sans faces chartFontFiles() names exist, are TrueType, and are in what `npm pack` packs.
// resvg draws no chart text without them, and says nothing (test/render/charts.test.ts shows text).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartFontFiles } from '../../src/render/fonts.ts';

const ROOT = join(import.meta.dirname, '../..');

describe('chart fonts', () => {
  const fonts = chartFontFiles();

  it('resolve to the package fonts/ folder, TrueType files both', () => {
    expect(relative(ROOT, fonts.regular)).toBe(join('fonts', 'DejaVuSans.ttf'));
    expect(relative(ROOT, fonts.bold)).toBe(join('fonts', 'DejaVuSans-Bold.ttf'));
    for (const file of [fonts.regular, fonts.bold]) {
      // The sfnt version of a TrueType font: 0x00010000.
      expect(readFileSync(file).readUInt32BE(0), file).toBe(0x00010000);
    }
  });

  it('resolve from the compiled dist/render/ too: dist/ mirrors src/ (fonts.ts looks two folders up)', () => {
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
    expect(readFileSync(join(ROOT, 'src/render/fonts.ts'), 'utf8')).toContain("new URL('../../fonts/', import.meta.url)");
  });

  it('are in the packed package, with their licence', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const files = (packed[0]?.files ?? []).map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['fonts/DejaVuSans.ttf', 'fonts/DejaVuSans-Bold.ttf', 'fonts/LICENSE']));
    expect(readFileSync(join(ROOT, 'fonts/LICENSE'), 'utf8')).toContain('Bitstream Vera Fonts Copyright');
  });
});
