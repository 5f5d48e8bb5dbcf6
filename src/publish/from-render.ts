// From what render() produced to what the publishers take: the files at their places in the
// handbook repository, and the email's parts. Only the shape of the rendered files is assumed
// (path, role, content), so this stays independent of how rendering works.
import { basename, posix } from 'node:path';
import type { HandbookFile } from './handbook/commit.ts';
import type { EmailContent, InlineImage } from './email/compose.ts';

export interface RenderedFileLike {
  /** Relative to the output directory, "/"-separated (page.md, charts/x.png). */
  path: string;
  role: string;
  content: string | Uint8Array;
}

export interface RenderedLike {
  files: readonly RenderedFileLike[];
  email: { subject: string; attachments: ReadonlyArray<{ cid: string; path: string; alt: string }> };
}

export interface HandbookPaths {
  page: string;
  /** Where the performance-indicator data file goes; not committed when unset. */
  piData?: string | undefined;
}

function byRole(rendered: RenderedLike, role: string): RenderedFileLike | undefined {
  return rendered.files.find((f) => f.role === role);
}

/** The page, the PI data file, and the chart files the page links to (beside the page). */
export function handbookFiles(rendered: RenderedLike, paths: HandbookPaths): HandbookFile[] {
  const page = byRole(rendered, 'page');
  if (!page) throw new Error('render produced no page');
  const out: HandbookFile[] = [{ path: paths.page, content: page.content }];
  const piData = byRole(rendered, 'pi-data');
  if (piData && paths.piData) out.push({ path: paths.piData, content: piData.content });
  const text = typeof page.content === 'string' ? page.content : Buffer.from(page.content).toString('utf8');
  const pageDir = posix.dirname(paths.page);
  for (const file of rendered.files) {
    if (!file.role.startsWith('chart-') || !text.includes(file.path)) continue;
    out.push({ path: posix.join(pageDir, file.path), content: file.content });
  }
  return out;
}

function asText(file: RenderedFileLike | undefined, what: string): string {
  if (!file) throw new Error(`render produced no ${what}`);
  return typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('utf8');
}

/** HTML, text and the inline charts (by cid) of the email. */
export function emailContent(rendered: RenderedLike, report: { title: string; org: string; period: string }): EmailContent {
  const images: InlineImage[] = rendered.email.attachments.map((a) => {
    const file = rendered.files.find((f) => f.path === a.path);
    if (!file || typeof file.content === 'string') throw new Error(`render produced no PNG ${a.path} for cid:${a.cid}`);
    return { cid: a.cid, filename: basename(a.path), content: file.content };
  });
  return { period: report.period, reportTitle: report.title, org: report.org, subject: rendered.email.subject, html: asText(byRole(rendered, 'email-html'), 'email HTML'), text: asText(byRole(rendered, 'email-text'), 'email text'), images };
}
