// `check` for report.templates_dir: compile every template (syntax errors with FILE:LINE:COL) and
// fill each with a sample report (a misspelt field is an error in Handlebars' strict mode), all
// without loading mjml or the chart libraries. MJML validity itself is checked when rendering.
import { relative, resolve } from 'node:path';
import { templatesUnfillable } from '../errors/templates.ts';
import type { TemplatesDir } from '../goals/location.ts';
import { emailView } from './email-view.ts';
import { pageView } from './page.ts';
import { sampleReport } from './sample.ts';
import { loadTemplates, TEMPLATE_FILES, type TemplateName } from './templates.ts';
import { textView } from './text.ts';

/**
 * Throws an ETEMPLATE PulseError listing every problem; returns quietly when there is no override.
 * `displayBase`: where paths in messages are shown from (the working directory for `check` and
 * `run`, whose users typed --goals from there); default: the goals file's directory.
 */
export async function checkTemplates(templatesDir: TemplatesDir | null, displayBase?: string): Promise<void> {
  if (!templatesDir) return;
  const overrideDir = templatesDir.dir;
  const shownFrom = displayBase ?? templatesDir.shownFrom;
  const templates = await loadTemplates({ overrideDir, displayBase: shownFrom });
  const report = sampleReport();
  const email = emailView(report, 'https://handbook.example.com/handbook/sample/');
  const views: Record<TemplateName, unknown> = {
    page: pageView(report, { templates, snapshotPath: 'data/sample/2026-10.json', pageUrl: null, fontFiles: [] }),
    email,
    text: textView(report, email),
  };
  const details: string[] = [];
  for (const name of Object.keys(TEMPLATE_FILES) as TemplateName[]) {
    try {
      templates[name](views[name]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Handlebars strict mode: `"nmae" not defined in [object Object] - 12:4`
      const at = / - (\d+):(\d+)$/.exec(message);
      const file = relative(shownFrom, resolve(overrideDir, TEMPLATE_FILES[name]));
      details.push(`${file}:${at ? `${at[1]}:${Number(at[2]) + 1}` : '1:1'}: ${message.replace(/ in \[object Object\]/, '').replace(/ - \d+:\d+$/, '')}`);
    }
  }
  if (details.length) {
    throw templatesUnfillable(details);
  }
}
