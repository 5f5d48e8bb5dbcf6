// One trend chart per indicator: ECharts server-side rendering to SVG, then PNG with resvg (email
// clients show neither SVG nor data: images). Both libraries load on first use only, so `--help`
// and `check` never pay for them. Output is deterministic (stableIds).
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type { MetricReport } from '../evaluate/model.ts';
import { formatNumber } from '../evaluate/format.ts';
import { byRelease } from './breakdown.ts';
import { clip, oneLine } from './escape.ts';
import { CHART_FONT_FAMILY } from './fonts.ts';

/**
 * The drawing's size in CSS px. The email shows it full width: 600 px on a desktop, down to 375 px
 * on a phone. Drawn at 480 with 15 px axis text, the smallest text is 11.7 px on a 375 px phone
 * and 18.75 px at 600 (at 600 wide with 13 px text it was 8 px on the phone).
 */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 250;
/** The smallest text in the chart (axis labels), in CSS px of the drawing. */
export const CHART_MIN_FONT = 15;
/** Pixel density of the PNG: crisp on high-density screens, shown at CHART_WIDTH css px. */
export const CHART_DENSITY = 2;

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type ECharts = typeof import('./echarts.ts');
type ResvgClass = typeof import('@resvg/resvg-js').Resvg;

let libraries: Promise<{ echarts: ECharts; Resvg: ResvgClass }> | undefined;

/** Loads ECharts (only the parts echarts.ts registers) and resvg. */
export function loadChartLibraries(): Promise<{ echarts: ECharts; Resvg: ResvgClass }> {
  libraries ??= (async () => {
    const [echarts, resvg] = await Promise.all([import('./echarts.ts'), import('@resvg/resvg-js')]);
    return { echarts, Resvg: resvg.Resvg };
  })();
  return libraries;
}

function axisLabel(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return `${SHORT[(m ?? 1) - 1] ?? '?'}\n’${String((y ?? 0) % 100).padStart(2, '0')}`;
}

/** The ECharts option for one indicator: value line (solid, dots), target line (dashed). */
export function chartOption(metric: MetricReport): Record<string, unknown> {
  // Per-release metrics are drawn by release (17.3, 17.4, …), not by month.
  const perRelease = byRelease(metric);
  const points = perRelease
    ? metric.releases.map((r) => ({ label: clip(oneLine(r.release), 8), value: r.value, target: metric.series.find((p) => p.period === r.period)?.target ?? null }))
    : metric.series.map((p) => ({ label: axisLabel(p.period), value: p.value, target: p.target }));
  const values = points.map((p) => (p.value !== null && Number.isFinite(p.value) ? p.value : null));
  const targets = points.map((p) => p.target);
  const valueName = perRelease ? 'Per release' : 'Monthly value';
  const hasTarget = targets.some((t) => t !== null);
  const lastIndex = values.length - 1;
  const text = { fontFamily: CHART_FONT_FAMILY, color: '#374151' };
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    legend: {
      top: 6,
      left: 16,
      itemWidth: 26,
      itemGap: 24,
      textStyle: { ...text, fontSize: 16 },
      data: hasTarget ? [valueName, 'Target'] : [valueName],
    },
    grid: { left: 16, right: 24, top: 44, bottom: 8, outerBoundsMode: 'same', outerBounds: { left: 8, right: 16, top: 44, bottom: 8 } },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: points.map((p) => p.label),
      // Every other label past eight points (first and last always shown with 13): thirteen labels at
      // a readable size do not fit side by side.
      axisLabel: { ...text, fontSize: CHART_MIN_FONT, interval: points.length > 8 ? 1 : 0, lineHeight: 17 },
      axisLine: { lineStyle: { color: '#6b7280' } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      splitNumber: 4,
      axisLabel: { ...text, fontSize: CHART_MIN_FONT, formatter: (v: number) => formatNumber(v) },
      splitLine: { lineStyle: { color: '#e5e7eb' } },
    },
    series: [
      {
        name: valueName,
        type: 'line',
        // Months with no value stay gaps: never drawn as zero, never bridged.
        connectNulls: false,
        data: values.map((v, i) =>
          i === lastIndex && v !== null ? { value: v, symbolSize: 9, label: { show: true, position: 'top', align: 'right', offset: [6, -2], ...text, fontSize: 17, fontWeight: 'bold', color: '#1f2328', formatter: formatNumber(v) } } : v,
        ),
        lineStyle: { width: 3, color: '#1f4fd1' },
        itemStyle: { color: '#1f4fd1' },
        symbol: 'circle',
        symbolSize: 6,
        z: 3,
      },
      ...(hasTarget
        ? [
            {
              name: 'Target',
              type: 'line',
              connectNulls: false,
              data: targets,
              lineStyle: { width: 2, type: 'dashed', color: '#b45309' },
              itemStyle: { color: '#b45309' },
              symbol: 'none',
              step: 'middle',
              z: 2,
            },
          ]
        : []),
    ],
  };
}

/**
 * ECharts numbers instances and style classes with process-wide counters (`zr3-cls-17`), so the same
 * chart differs from one render to the next. Renumber every such name by first appearance.
 */
export function stableIds(svg: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-[\w-]+/g, (name) => {
    let stable = names.get(name);
    if (!stable) {
      stable = `pulse-${names.size}`;
      names.set(name, stable);
    }
    return stable;
  });
}

/** resvg's options for a chart PNG: white, CHART_DENSITY, only the given fonts (never the machine's). */
export function pngOptions(fontFiles: readonly string[]): ResvgRenderOptions {
  return {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: CHART_DENSITY },
    font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: CHART_FONT_FAMILY },
  };
}

export interface RenderedChart {
  id: string;
  svg: string;
  png: Buffer;
}

/** SVG and PNG for each metric, in order. `fontFiles`: TTF paths (fonts.ts). */
export async function renderCharts(metrics: readonly MetricReport[], fontFiles: readonly string[]): Promise<RenderedChart[]> {
  if (metrics.length === 0) return [];
  const { echarts, Resvg } = await loadChartLibraries();
  const out: RenderedChart[] = [];
  for (const metric of metrics) {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
    let svg: string;
    try {
      chart.setOption(chartOption(metric));
      svg = stableIds(chart.renderToSVGString());
    } finally {
      // An undisposed SSR instance keeps timers alive and the process never exits.
      chart.dispose();
    }
    const png = new Resvg(svg, pngOptions(fontFiles)).render().asPng();
    out.push({ id: metric.id, svg, png });
  }
  return out;
}
