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

/** Every tag in an HTML document with its attribute names (quoted values skipped, so escaped data inside them is not mistaken for markup). */
export function tagsOf(html: string): Array<{ name: string; attributes: string[] }> {
  const tags: Array<{ name: string; attributes: string[] }> = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const attributes = [...(m[2] ?? '').matchAll(/([^\s=>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)].map((a) => (a[1] ?? '').toLowerCase());
    tags.push({ name: (m[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

/** Tags that must never come out of data: scripts, frames, event-handler attributes. */
export function dangerousTags(html: string): string[] {
  return tagsOf(html)
    .filter((t) => ['script', 'iframe', 'object', 'embed'].includes(t.name) || t.attributes.some((a) => a.startsWith('on')))
    .map((t) => `<${t.name} ${t.attributes.join(' ')}>`);
}
