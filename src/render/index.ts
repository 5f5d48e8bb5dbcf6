// render(): the report model → the files people see. Pure apart from the template text and font
// the options name: no network, no clock, no environment; the same report gives the same bytes.
import type { ReportModel } from '../evaluate/model.ts';
import { renderCharts } from './charts.ts';
import { mjmlToHtml } from './email.ts';
import { emailView } from './email-view.ts';
import { OUTPUT, type RenderOptions } from './options.ts';
import { pageView } from './page.ts';
import { renderPiData } from './pi-data.ts';
import { TEMPLATE_FILES } from './templates.ts';
import { textView } from './text.ts';

export type { RenderOptions } from './options.ts';
export { OUTPUT } from './options.ts';

export type FileRole = 'page' | 'pi-data' | 'email-html' | 'email-preview' | 'email-text' | 'email-mjml' | 'email-meta' | 'chart-svg' | 'chart-png';

export interface RenderedFile {
  /** Relative to the output directory, "/"-separated. */
  path: string;
  role: FileRole;
  content: string | Uint8Array;
  contentType: string;
}

export interface EmailAttachment {
  cid: string;
  /** The rendered file (a chart PNG) to attach inline. */
  path: string;
  alt: string;
}

export interface EmailMeta {
  subject: string;
  preheader: string;
  attachments: EmailAttachment[];
}

export interface RenderResult {
  files: RenderedFile[];
  email: EmailMeta;
}

function run(template: (view: unknown) => string, view: unknown, file: string): string {
  try {
    return template(view);
  } catch (error) {
    throw new Error(`template ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * The email as a browser can open it from the output directory: a mail client resolves `cid:`
 * images from the message's inline parts, a browser cannot, so each points at its chart file.
 */
export function browserPreview(html: string, attachments: readonly EmailAttachment[]): string {
  let out = html;
  for (const a of attachments) out = out.split(`src="cid:${a.cid}"`).join(`src="${a.path}"`);
  return out;
}

export async function render(report: ReportModel, options: RenderOptions): Promise<RenderResult> {
  // One newline at the end, whatever the template leaves (the handbook's markdownlint: MD012, MD047).
  const page = `${run(options.templates.page, pageView(report, options), TEMPLATE_FILES.page).trimEnd()}\n`;
  const email = emailView(report, options.pageUrl, { mode: options.publishMode ?? 'commit', mergeRequestUrl: options.mergeRequestUrl ?? null });
  const mjml = run(options.templates.email, email, TEMPLATE_FILES.email);
  const html = await mjmlToHtml(mjml, TEMPLATE_FILES.email);
  const text = run(options.templates.text, textView(report, email), TEMPLATE_FILES.text);
  const tiles = [...email.attention, ...email.kpis];
  const charted = tiles.flatMap((t) => report.metrics.filter((m) => m.id === t.id && t.chart));
  const charts = await renderCharts(charted, options.fontFiles);
  // In the order the email shows them.
  const attachments: EmailAttachment[] = tiles.flatMap((k) => (k.chart ? [{ cid: k.chart.cid, path: k.chart.file, alt: k.chart.alt }] : []));
  const meta: EmailMeta = { subject: email.subject, preheader: email.preheader, attachments };

  const files: RenderedFile[] = [
    { path: OUTPUT.page, role: 'page', content: page, contentType: 'text/markdown; charset=utf-8' },
    { path: options.piDataName ?? OUTPUT.piData, role: 'pi-data', content: renderPiData(report), contentType: 'application/yaml; charset=utf-8' },
    { path: OUTPUT.emailHtml, role: 'email-html', content: html, contentType: 'text/html; charset=utf-8' },
    { path: OUTPUT.emailPreview, role: 'email-preview', content: browserPreview(html, attachments), contentType: 'text/html; charset=utf-8' },
    { path: OUTPUT.emailText, role: 'email-text', content: text, contentType: 'text/plain; charset=utf-8' },
    { path: OUTPUT.emailMjml, role: 'email-mjml', content: mjml, contentType: 'application/xml; charset=utf-8' },
    { path: OUTPUT.emailMeta, role: 'email-meta', content: `${JSON.stringify(meta, null, 2)}\n`, contentType: 'application/json' },
  ];
  for (const chart of charts) {
    files.push({ path: `${OUTPUT.chartsDir}/${chart.id}.svg`, role: 'chart-svg', content: chart.svg, contentType: 'image/svg+xml' });
    files.push({ path: `${OUTPUT.chartsDir}/${chart.id}.png`, role: 'chart-png', content: chart.png, contentType: 'image/png' });
  }
  return { files, email: meta };
}
