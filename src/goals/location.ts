// Where the goals file is and where its report.templates_dir points. The goals path is resolved
// against the working directory here and nowhere else (run, check and preview call this once);
// everything after load is handed the resolved templates directory, never the goals path.
import { dirname, resolve } from 'node:path';
import type { Goals } from './goals.ts';

/** The goals file as given (--goals, relative to cwd or absolute), resolved once. */
export interface GoalsLocation {
  /** Absolute path of the goals file. */
  path: string;
  /** Its directory: report.templates_dir is relative to it. */
  dir: string;
}

export function goalsLocation(cwd: string, goalsFile: string): GoalsLocation {
  const path = resolve(cwd, goalsFile);
  return { path, dir: dirname(path) };
}

/** report.templates_dir resolved against the goals file's directory, and the directory template paths in messages are shown from. */
export interface TemplatesDir {
  dir: string;
  /** The goals file's directory: a template error names the file as the goals file refers to it. */
  shownFrom: string;
}

/** Where report.templates_dir points; null when it is unset (the package's templates). */
export function templatesDirOf(goals: { report: Pick<Goals['report'], 'templates_dir'> }, location: GoalsLocation): TemplatesDir | null {
  const dir = goals.report.templates_dir;
  return dir ? { dir: resolve(location.dir, dir), shownFrom: location.dir } : null;
}
