// Renders a report with the package's templates and the bundled font, as the pipeline does.
import type { ReportModel } from '../../src/evaluate/model.ts';
import { chartFontFiles } from '../../src/render/fonts.ts';
import { render, type RenderResult } from '../../src/render/index.ts';
import { loadTemplates } from '../../src/render/templates.ts';

export const PAGE_URL = 'https://handbook.gitlab.com/handbook/marketing/developer-relations/performance-indicators/';

export async function renderReport(report: ReportModel, options: { fontFiles?: string[] } = {}): Promise<RenderResult> {
  const fonts = chartFontFiles();
  return render(report, {
    templates: await loadTemplates(),
    snapshotPath: 'data/developer_relations/pulse/2026-10.json',
    pageUrl: PAGE_URL,
    fontFiles: options.fontFiles ?? [fonts.regular, fonts.bold],
  });
}

export function fileText(result: RenderResult, path: string): string {
  const file = result.files.find((f) => f.path === path);
  if (!file) throw new Error(`no rendered file ${path}; have ${result.files.map((f) => f.path).join(', ')}`);
  return typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
}

/** What a template hole looks like once rendered. */
export const HOLES = [/\bundefined\b/, /\bNaN\b/, /\[object Object\]/, /\{\{/];
