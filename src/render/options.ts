// What render() needs besides the report. Everything is passed in: render reads no environment,
// no clock and no network (it reads the template text and the font the caller names).
import type { TemplateSet } from './templates.ts';

export interface RenderOptions {
  /** Compiled templates: the package's, or a team's override (loadTemplates). */
  templates: TemplateSet;
  /** Where the month's snapshot lives in the handbook repository, shown under each indicator. */
  snapshotPath: string | null;
  /** Public URL of the handbook page (the email links to it); null when unknown. */
  pageUrl: string | null;
  /**
   * How the page reaches the handbook (publish.handbook.mode). `merge_request`: the page at
   * `pageUrl` still shows last month until the MR is merged, and the email says so (linking the MR
   * when `mergeRequestUrl` is known). Default `commit`.
   */
  publishMode?: 'commit' | 'merge_request';
  mergeRequestUrl?: string | null;
  /** TTF files resvg draws chart text with (fonts.ts: the ones shipped with the package). */
  fontFiles: readonly string[];
  /** File name of the PI data file (default performance_indicators.yml; write.ts uses the basename of publish.handbook.pi_data). */
  piDataName?: string;
}

/** File names inside the output directory. */
export const OUTPUT = {
  page: 'page.md',
  piData: 'performance_indicators.yml',
  emailHtml: 'email.html',
  /** The email's HTML for a browser: the charts as file links instead of cid: (a mail client's inline parts). */
  emailPreview: 'email.preview.html',
  emailText: 'email.txt',
  emailMjml: 'email.mjml',
  emailMeta: 'email.json',
  chartsDir: 'charts',
} as const;
