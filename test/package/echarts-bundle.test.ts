// The published package carries ECharts as a build-time bundle (scripts/build-echarts.ts), not as a
// dependency. The bundle must need no package at run time, be the same bytes on every build, draw
// exactly what ECharts from node_modules draws (same version, same code), and carry the licences.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleECharts, NOTICES } from '../../scripts/build-echarts.ts';
import { CHART_HEIGHT, CHART_WIDTH, chartOption, renderCharts, stableIds } from '../../src/render/charts.ts';
import { chartFontFiles } from '../../src/render/fonts.ts';
import { fixedReport } from '../render/fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROOT = join(import.meta.dirname, '../..');
const installed = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

describe('the ECharts bundle', async () => {
  const bundle = await bundleECharts();

  it('imports nothing at run time: ECharts, zrender and tslib are inside it', () => {
    expect(bundle.imports).toEqual([]);
    // Statements, not strings: ECharts' own warnings quote `import { … } from 'echarts/charts'`.
    expect(bundle.code).not.toMatch(/^\s*(import|export)\b[^\n]*\bfrom\s*["']|\brequire\(\s*["']|\bimport\(\s*["']/m);
    expect(bundle.packages.map((p) => `${p.name}@${p.version}`)).toEqual([`echarts@${installed('echarts')}`, 'tslib@2.3.0', `zrender@${installed('zrender')}`]);
    expect(bundle.code).toMatch(/\nexport \{ init \};\n$/);
  });

  it('is the same bytes on every build', async () => {
    const again = await bundleECharts();
    expect(again.code === bundle.code).toBe(true);
    expect(again.notices).toBe(bundle.notices);
    // No absolute path of this machine in it.
    expect(bundle.code).not.toContain(ROOT);
  });

  it('draws every chart of the fixture exactly as ECharts from node_modules does', async () => {
    const file = join(tempDir('pulse-bundle-'), 'echarts.mjs');
    writeFileSync(file, bundle.code);
    const bundled = (await import(pathToFileURL(file).href)) as typeof import('../../src/render/echarts.ts');
    const metrics = fixedReport().metrics;
    const fonts = chartFontFiles();
    const fromModules = await renderCharts(metrics, [fonts.regular, fonts.bold]);
    const fromBundle = metrics.map((metric) => {
      const chart = bundled.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
      try {
        chart.setOption(chartOption(metric));
        return stableIds(chart.renderToSVGString());
      } finally {
        chart.dispose();
      }
    });
    expect(fromModules.length).toBeGreaterThan(5);
    // The PNG is resvg's rendering of this SVG: the same SVG gives the same PNG bytes.
    expect(fromBundle).toEqual(fromModules.map((c) => c.svg));
    expect(fromBundle[0]).toContain('<text');
  });

  it(`ships the licences of every bundled package (${NOTICES})`, () => {
    for (const p of bundle.packages) expect(bundle.notices).toContain(`## ${p.name} ${p.version}`);
    expect(bundle.notices).toContain('Apache License\n                           Version 2.0');
    // ECharts' NOTICE file, which Apache-2.0 §4(d) says to carry along.
    expect(bundle.notices).toContain('Apache ECharts\nCopyright 2017-2026 The Apache Software Foundation');
    // The d3 code ECharts embeds, and zrender's BSD licence.
    expect(bundle.notices).toContain('### licenses/LICENSE-d3');
    expect(bundle.notices).toMatch(/## zrender [\d.]+\n\n### LICENSE\n\n```text\nBSD 3-Clause License/);
    expect(bundle.code.split('\n')[1]).toContain(NOTICES);
  });
});
