// The Handlebars templates: the package's own (templates/page, templates/email) or a team's
// override directory (report.templates_dir). Loading compiles every template up front, so a broken
// override is an error with FILE:LINE:COL at `check` time, never a crash half-way through a render.
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { PulseError } from '../errors.ts';
import { templatesDirMissing, templatesUnusable, templateUncompilable } from '../errors/templates.ts';
import { registerHelpers } from './helpers.ts';

/** Template names, each a file under the templates directory. */
export const TEMPLATE_FILES = {
  page: 'page/page.md.hbs',
  email: 'email/email.mjml.hbs',
  text: 'email/email.txt.hbs',
} as const;
export type TemplateName = keyof typeof TEMPLATE_FILES;

export type TemplateSet = Record<TemplateName, Handlebars.TemplateDelegate>;

/** The package's templates directory (works from src/ and from dist/). */
export const PACKAGE_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

// One Handlebars environment, its helpers registered once.
const hbs = Handlebars.create();
registerHelpers(hbs);

interface Position {
  line: number;
  col: number;
}

/**
 * Handlebars parse errors say "Parse error on line N:" and show the input consumed so far (newlines
 * removed, cut to its last 20 characters) with a caret under the failing spot. The column is where
 * that consumed text ends on line N.
 */
function positionOf(error: unknown, source: string): Position {
  const message = error instanceof Error ? error.message : String(error);
  const onLine = /on line (\d+):\n(.*)\n(-*)\^/.exec(message);
  if (!onLine) return { line: 1, col: 1 };
  const line = Number(onLine[1]);
  const consumed = (onLine[2] ?? '').slice(0, (onLine[3] ?? '').length).replace(/^\.\.\./, '');
  const lines = source.split('\n');
  const lineStart = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const lineText = lines[line - 1] ?? '';
  const flat = source.replace(/\n/g, '');
  for (let col = lineText.length; col >= 0; col--) {
    const offset = lineStart + col;
    const before = source.slice(0, offset).replace(/\n/g, '');
    if (flat.startsWith(before) && before.endsWith(consumed)) return { line, col: col + 1 };
  }
  return { line, col: 1 };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const expecting = /\n(Expecting .*)$/m.exec(message)?.[1];
  if (expecting) return `Handlebars syntax error: ${expecting.length > 160 ? `${expecting.slice(0, 157)}…` : expecting}`;
  return (message.split('\n')[0] ?? message).trim();
}

/** Compiles one template text; throws a positioned message on a syntax error. */
export function compile(source: string, file: string): Handlebars.TemplateDelegate {
  try {
    // precompile parses the whole template now (compile() would wait until the first call).
    hbs.precompile(source, { strict: true });
    return hbs.compile(source, { strict: true, noEscape: file.endsWith('.md.hbs') || file.endsWith('.txt.hbs') });
  } catch (error) {
    const { line, col } = positionOf(error, source);
    throw templateUncompilable({ file, detail: `${file}:${line}:${col}: ${firstLine(error)}` });
  }
}

export interface LoadTemplatesOptions {
  /** A team's override directory (absolute); files it lacks come from the package. */
  overrideDir?: string | null;
  /** How paths appear in messages (relative to the goals file's directory, usually). */
  displayBase?: string;
  readFile?: (path: string) => Promise<string>;
}

/**
 * Why an override file may not be read, 'missing' when there is none, undefined when it may. The
 * text of an override is committed as the handbook page, so it must really live inside
 * templates_dir: a symbolic link to the repository's .git/config (which holds the handbook token)
 * or to /etc/passwd would publish that file. A FIFO or a device would hang or never end.
 */
async function overrideProblem(candidate: string, realDir: string): Promise<string | 'missing' | undefined> {
  let real: string;
  try {
    real = await realpath(candidate);
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
    // A dangling link is a link out of the directory as far as we can tell: refuse, never fall back silently.
    if (code === 'ENOENT') return (await isLink(candidate)) ? 'is a symbolic link to a file that does not exist; templates must be regular files inside report.templates_dir' : 'missing';
    return `cannot be read (${code || 'error'})`;
  }
  if (!real.startsWith(realDir + sep)) return 'resolves (through a symbolic link) to a file outside report.templates_dir; templates must be regular files inside it: copy the template into the directory instead of linking it';
  if (!(await stat(real)).isFile()) return 'is not a regular file; templates must be regular files inside report.templates_dir';
  return undefined;
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Reads and compiles every template; all problems at once. */
export async function loadTemplates(options: LoadTemplatesOptions = {}): Promise<TemplateSet> {
  const read = options.readFile ?? ((p: string) => readFile(p, 'utf8'));
  const details: string[] = [];
  const set: Partial<TemplateSet> = {};
  if (options.overrideDir) {
    const dir = options.overrideDir;
    try {
      if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    } catch (error) {
      const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
      throw templatesDirMissing({ shown: options.displayBase ? relative(options.displayBase, dir) || '.' : dir, notDirectory: code === 'ENOTDIR' });
    }
  }
  const realDir = options.overrideDir ? await realpath(options.overrideDir) : null;
  for (const [name, file] of Object.entries(TEMPLATE_FILES) as Array<[TemplateName, string]>) {
    let path = join(PACKAGE_TEMPLATES, file);
    let source: string | undefined;
    if (options.overrideDir && realDir) {
      const candidate = join(options.overrideDir, file);
      const shownCandidate = options.displayBase ? relative(options.displayBase, candidate) : candidate;
      const problem = await overrideProblem(candidate, realDir);
      if (problem === 'missing') source = undefined;
      else if (problem) {
        details.push(`${shownCandidate}:1:1: ${problem}`);
        continue;
      } else {
        source = await read(candidate);
        path = candidate;
      }
    }
    source ??= await read(path);
    const shown = options.displayBase ? relative(options.displayBase, path) : path;
    try {
      set[name] = compile(source, shown);
    } catch (error) {
      if (error instanceof PulseError) details.push(...error.details);
      else throw error;
    }
  }
  if (details.length) {
    throw templatesUnusable(details);
  }
  return set as TemplateSet;
}
