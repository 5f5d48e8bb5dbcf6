// The one call the pipeline makes: load the templates (the package's or the goals file's
// report.templates_dir), render the report, write every file into the output directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ReportModel } from '../evaluate/model.ts';
import type { Goals } from '../goals/goals.ts';
import type { TemplatesDir } from '../goals/location.ts';
import { pageUrlOf } from '../goals/page-url.ts';
import { maskDeep, maskSecrets } from '../secrets.ts';
import { chartFontFiles } from './fonts.ts';
import { render, type RenderResult } from './index.ts';
import { loadTemplates } from './templates.ts';

export interface RenderToDirInput {
  report: ReportModel;
  goals: Goals;
  /** report.templates_dir, resolved by the caller (goals/location.ts templatesDirOf); null: the package's templates. */
  templatesDir: TemplatesDir | null;
  /** Absolute output directory. */
  outDir: string;
}

/** Renders the report with the goals' templates, fonts and links; the files stay in memory. */
export async function renderForGoals(input: Omit<RenderToDirInput, 'outDir'>): Promise<RenderResult> {
  const { goals, report, templatesDir } = input;
  const templates = await loadTemplates(templatesDir ? { overrideDir: templatesDir.dir, displayBase: templatesDir.shownFrom } : {});
  const dataDir = goals.publish.handbook?.data_dir;
  const fonts = chartFontFiles();
  const result = await render(report, {
    templates,
    snapshotPath: dataDir ? `${dataDir.replace(/\/+$/, '')}/${report.period.label}.json` : null,
    pageUrl: pageUrlOf(goals),
    publishMode: goals.publish.handbook?.mode ?? 'commit',
    fontFiles: [fonts.regular, fonts.bold],
    ...(goals.publish.handbook?.pi_data ? { piDataName: basename(goals.publish.handbook.pi_data) } : {}),
  });
  // The last gate before anything rendered is committed, sent or written: no registered secret
  // survives, whichever input (template override, API string, goals text) carried it.
  return { files: result.files.map((f) => (typeof f.content === 'string' ? { ...f, content: maskSecrets(f.content) } : f)), email: maskDeep(result.email) };
}

/** Renders the report and writes the files; returns the result and the absolute paths written. */
export async function renderToDir(input: RenderToDirInput): Promise<{ result: RenderResult; written: string[] }> {
  const result = await renderForGoals(input);
  const written: string[] = [];
  for (const file of result.files) {
    const path = join(input.outDir, ...file.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    written.push(path);
  }
  return { result, written };
}
