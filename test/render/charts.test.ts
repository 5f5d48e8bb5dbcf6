// Chart PNGs: the right size and density, an opaque white background, and text actually drawn
// (resvg silently drops text it has no font for, so a render without the bundled font is the control).
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_DENSITY, CHART_HEIGHT, CHART_WIDTH, chartOption, renderCharts } from '../../src/render/charts.ts';
import { chartFontFiles } from '../../src/render/fonts.ts';
import { fixedReport } from './fixture.ts';

function pngSize(png: Uint8Array): { width: number; height: number; colorType: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  return { width: view.getUint32(16), height: view.getUint32(20), colorType: png[25] ?? -1 };
}

/** Dark pixels (text, lines) in a horizontal band of an RGBA image. */
function darkPixels(pixels: Uint8Array, width: number, fromY: number, toY: number): number {
  let dark = 0;
  for (let y = fromY; y < toY; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if ((pixels[i] ?? 255) < 140 && (pixels[i + 1] ?? 255) < 140 && (pixels[i + 2] ?? 255) < 160) dark++;
    }
  }
  return dark;
}

describe('trend charts', async () => {
  const fonts = chartFontFiles();
  const report = fixedReport();
  const kpi = report.metrics[0];
  if (!kpi) throw new Error('fixture has no metrics');
  const [chart] = await renderCharts([kpi], [fonts.regular, fonts.bold]);
  if (!chart) throw new Error('no chart rendered');

  it('is a PNG at 2× density of a 480 px wide chart', () => {
    const { width, height } = pngSize(chart.png);
    expect(width).toBe(CHART_WIDTH * CHART_DENSITY);
    expect(height).toBe(CHART_HEIGHT * CHART_DENSITY);
    expect(chart.svg).toMatch(/^<svg width="480"/);
  });

  it('keeps its smallest text at 11 px or more when a 375 px phone shows it full width', () => {
    const sizes = [...chart.svg.matchAll(/font-size[:=]"?\s*([\d.]+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes) * (375 / CHART_WIDTH)).toBeGreaterThanOrEqual(11);
  });

  it('has an opaque white background everywhere', () => {
    const image = new Resvg(chart.svg, { background: '#ffffff', font: { loadSystemFonts: false, fontFiles: [fonts.regular] } }).render();
    const pixels = image.pixels;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) throw new Error(`transparent pixel at ${(i - 3) / 4}`);
    expect(pixels[0]).toBe(255); // top-left corner is white
  });

  it('draws its text (axis labels, legend, last value) with the bundled font, unlike a render without it', () => {
    const render = (fontFiles: string[]) => new Resvg(chart.svg, { background: '#ffffff', fitTo: { mode: 'zoom', value: CHART_DENSITY }, font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans' } }).render();
    const withFont = render([fonts.regular, fonts.bold]);
    const without = render([]);
    const width = withFont.width;
    const axisBand = [withFont.height - 70, withFont.height] as const; // the month labels under the axis
    const legendBand = [0, 60] as const;
    expect(darkPixels(withFont.pixels, width, ...axisBand)).toBeGreaterThan(1500);
    expect(darkPixels(without.pixels, width, ...axisBand)).toBeLessThan(50);
    expect(darkPixels(withFont.pixels, width, ...legendBand)).toBeGreaterThan(darkPixels(without.pixels, width, ...legendBand) + 500);
    // The PNG that ships is the one with text.
    expect(Buffer.from(withFont.asPng()).equals(Buffer.from(chart.png))).toBe(true);
  });

  it('leaves months without a value as gaps, never zero', () => {
    const option = chartOption(kpi) as { series: Array<{ data: unknown[]; connectNulls: boolean }> };
    const values = option.series[0];
    expect(values?.connectNulls).toBe(false);
    const december = kpi.series.findIndex((p) => p.period === '2025-12');
    expect(values?.data[december]).toBeNull();
    expect(values?.data.filter((v) => v === 0)).toEqual([]);
  });
});
