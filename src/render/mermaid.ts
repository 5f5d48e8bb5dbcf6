// The page's trend chart as Mermaid `xychart-beta` data. Mermaid lines cannot have holes, so a
// month with no value is left off the x axis (its label is missing, and a note says which months)
// rather than drawn as zero.
import type { MetricReport } from '../evaluate/model.ts';
import { formatNumber } from '../evaluate/format.ts';
import { mermaidLabel } from './escape.ts';
import { longMonth, shortMonth } from './format.ts';
import { niceMax } from './scale.ts';

/**
 * The chart's colours, first the values then the target line. Mermaid's default theme draws both
 * in #ECECFF (1.17:1 on white); these keep at least 3:1 against white and against dark page
 * backgrounds (#000, #1e1e1e, #333), and blue against orange stays apart for colour-blind readers.
 */
export const MERMAID_PALETTE = ['#3d7be8', '#c96a00'] as const;

/**
 * Mermaid's per-diagram configuration directive, so the settings travel with each block: the
 * palette, and a wider drawing (900 px, scaled down to the page's column) so thirteen month labels
 * at Mermaid's 14 px font do not run into each other as they do at its default 700 px.
 */
export const MERMAID_INIT = `%%{init: {"xyChart": {"width": 900, "height": 420}, "themeVariables": {"xyChart": {"plotColorPalette": "${MERMAID_PALETTE.join(',')}"}}}}%%`;

export interface MermaidChart {
  /** The `%%{init: …}%%` line that sets the palette. */
  init: string;
  title: string;
  /** `["Oct ’25", "Nov ’25"]` */
  x_axis: string;
  y_label: string;
  y_max: string;
  /** How the values are drawn: `line` by month, `bar` by release. */
  type: 'line' | 'bar';
  /** `[150, 160]` */
  values: string;
  /** `[170, 170]`, or null when some drawn month has no monthly target. */
  targets: string | null;
  /** "No value for December 2025 and March 2026: left off the chart." or "" */
  gaps: string;
  /** "Line 1: value; line 2: monthly target (170)." */
  legend: string;
}

const num = (n: number) => String(Math.round(n * 100) / 100);

export function mermaidChart(metric: MetricReport): MermaidChart | null {
  const drawn = metric.series.filter((p) => p.value !== null && Number.isFinite(p.value));
  if (drawn.length < 2) return null;
  const missing = metric.series.filter((p) => p.value === null || !Number.isFinite(p.value)).map((p) => longMonth(p.period));
  const values = drawn.map((p) => p.value ?? 0);
  const targets = drawn.map((p) => p.target);
  const hasTargets = targets.every((t): t is number => t !== null && Number.isFinite(t));
  const top = niceMax(Math.max(...values, ...(hasTargets ? targets : [])));
  const targetNumbers = hasTargets ? targets : [];
  const uniqueTargets = [...new Set(targetNumbers)];
  return {
    init: MERMAID_INIT,
    title: mermaidLabel(metric.name),
    x_axis: `[${drawn.map((p) => `"${mermaidLabel(shortMonth(p.period))}"`).join(', ')}]`,
    y_label: mermaidLabel(metric.unit ?? 'value', 30),
    y_max: num(top),
    type: 'line',
    values: `[${values.map(num).join(', ')}]`,
    targets: hasTargets ? `[${targetNumbers.map(num).join(', ')}]` : null,
    gaps: [
      missing.length ? `No value for ${missing.join(', ')}: left off the chart, not drawn as zero.` : '',
      metric.definition_changed_in ? `The definition changed in ${longMonth(metric.definition_changed_in)}: earlier months were measured differently.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    legend: hasTargets ? `First line: the monthly value; second line: the monthly target (${uniqueTargets.map(formatNumber).join(', ')}).` : 'The line is the monthly value.',
  };
}

/** Per-release metrics: one bar per release (oldest first), the target as a line when every release has one. */
export function releaseChart(metric: MetricReport): MermaidChart | null {
  const drawn = metric.releases.filter((r) => r.value !== null && Number.isFinite(r.value));
  if (drawn.length < 2) return null;
  const missing = metric.releases.filter((r) => r.value === null || !Number.isFinite(r.value)).map((r) => r.release);
  const values = drawn.map((r) => r.value ?? 0);
  const targets = drawn.map((r) => metric.series.find((p) => p.period === r.period)?.target ?? null);
  const hasTargets = targets.every((t): t is number => t !== null && Number.isFinite(t));
  const targetNumbers = hasTargets ? targets : [];
  const top = niceMax(Math.max(...values, ...targetNumbers));
  return {
    init: MERMAID_INIT,
    title: mermaidLabel(/release/i.test(metric.name) ? metric.name : `${metric.name} by release`),
    x_axis: `[${drawn.map((r) => `"${mermaidLabel(r.release, 20)}"`).join(', ')}]`,
    y_label: mermaidLabel(metric.unit ?? 'value', 30),
    y_max: num(top),
    type: 'bar',
    values: `[${values.map(num).join(', ')}]`,
    targets: hasTargets ? `[${targetNumbers.map(num).join(', ')}]` : null,
    gaps: missing.length ? `No value for release ${missing.join(', ')}: left off the chart, not drawn as zero.` : '',
    legend: hasTargets ? `Bars: one per release, oldest first; line: the target per release (${[...new Set(targetNumbers)].map(formatNumber).join(', ')}).` : 'Bars: one per release, oldest first.',
  };
}
