// Where the wording of errors lives (issue 20.5, "one home per fact"): every `new PulseError(...)`
// and `new HttpError(...)` in src/, with where its fix comes from. The architecture test
// (error-sites.test.ts) reads it, and it prints the counts for a report:
//   npm exec -- node test/architecture/error-sites.ts
// It parses with the TypeScript compiler (a dev dependency), so a call spread over several lines,
// a template literal or a fix kept in a const of the same file is classified like any other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** ERROR_SITES_SRC counts another tree, e.g. an older commit's src/ (git archive COMMIT src | tar -x -C DIR). */
export const SRC = resolve(process.env.ERROR_SITES_SRC ?? resolve(import.meta.dirname, '../../src'));

/**
 * Where a thrown error's fix comes from:
 * - `builder`: the error is made by a catalogue builder (`throw gitlabNotFound({...})`), message and fix;
 * - `default`: no fix argument, so the catalogue's default for the code;
 * - `catalogue`: read from the catalogue (`ERRORS.X.fix`, `FIX.X`, a builder's fix);
 * - `literal`: a string or template written at the throw site (or in a const of the same file);
 * - `passed`: any other expression (a parameter, another error's fix, a helper's result).
 */
export type FixSource = 'builder' | 'default' | 'catalogue' | 'literal' | 'passed';

export interface ErrorSite {
  /** Path under src/, forward slashes. */
  file: string;
  line: number;
  /** `PulseError`, `HttpError`, the HTTP client's `fail`, the catalogue builder called, or `authHint` / `notFoundHint`. */
  ctor: string;
  /** The code argument's text ('EAUTH', or an expression such as `code`). */
  code: string;
  source: FixSource;
  /** For `literal`: the fix text with every `${...}` replaced by `…`. */
  text?: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text of a string-like expression, placeholders as `…`; undefined when it is not one. */
function literalText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `…${s.literal.text}`).join('');
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return undefined;
}

/**
 * The text of the const an identifier names, looked up scope by scope outward (a parameter of the
 * same name hides it): a fix kept in `const FIX = '...'` is still written at the throw site.
 */
function constText(id: ts.Identifier): string | undefined {
  for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node) && node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text)) return undefined;
    if (!ts.isBlock(node) && !ts.isSourceFile(node)) continue;
    for (const statement of node.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === id.text) return d.initializer ? literalText(d.initializer) : undefined;
      }
    }
  }
  return undefined;
}

/** Names a file imports from the catalogue: src/errors.ts, src/errors/*, and http/errors.ts (which re-exports its fixes). */
function catalogueImports(file: ts.SourceFile): { names: Set<string>; builders: Set<string> } {
  const names = new Set<string>();
  const builders = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const spec = statement.moduleSpecifier.text;
    if (!/(^|\/)errors(\.ts|\/[\w-]+\.ts)$/.test(spec)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      names.add(element.name.text);
      if (/\/errors\/[\w-]+\.ts$/.test(spec)) builders.add(element.name.text);
    }
  }
  return { names, builders };
}

/** The identifier an expression such as `FIX.EAUTH`, `FIX[code]` or `reportFix({...})` starts from. */
function rootName(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) return rootName(node.expression);
  return undefined;
}

function classify(fix: ts.Expression | undefined, catalogue: Set<string>): Pick<ErrorSite, 'source' | 'text'> {
  if (fix === undefined || fix.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(fix) && fix.text === 'undefined')) return { source: 'default' };
  if (ts.isConditionalExpression(fix)) {
    // Either branch written here makes the site write its own fix.
    const branches = [classify(fix.whenTrue, catalogue), classify(fix.whenFalse, catalogue)];
    const written = branches.filter((b) => b.source === 'literal');
    return written.length ? { source: 'literal', text: written.map((b) => b.text).join(' | ') } : (branches[0] ?? { source: 'passed' });
  }
  const text = literalText(fix);
  if (text !== undefined) return { source: 'literal', text };
  const named = ts.isIdentifier(fix) ? constText(fix) : undefined;
  if (named !== undefined) return { source: 'literal', text: named };
  const root = rootName(fix);
  if (root !== undefined && catalogue.has(root) && root !== 'PulseError') return { source: 'catalogue' };
  return { source: 'passed' };
}

/** The request fields that carry a fix for the HTTP client's EAUTH / ENOTFOUND. */
const HINTS = new Set(['authHint', 'notFoundHint']);

/** Whether `node` (a builder's result) is the fix of a site counted on its own: a hint, or the fix argument of an error. */
function isHint(node: ts.Node): boolean {
  if (ts.isConditionalExpression(node) || ts.isParenthesizedExpression(node) || ts.isTemplateSpan(node) || ts.isTemplateExpression(node)) return isHint(node.parent);
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /^(PulseError|HttpError)$/.test(node.expression.text)) return true;
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'fail') return true;
  return ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && HINTS.has(node.name.text);
}

/** A builder called by a throw site, not by another builder of the catalogue. */
function outsideCatalogue(node: ts.Node): boolean {
  return !node.getSourceFile().fileName.includes(`${SRC}/errors`);
}

/** Every catalogue builder call, and every PulseError / HttpError constructed in the given files (default: all of src/). */
export function errorSites(paths: readonly string[] = files(SRC), read: (path: string) => string = (p) => readFileSync(p, 'utf8')): ErrorSite[] {
  const sites: ErrorSite[] = [];
  for (const path of paths) {
    const source = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const imported = catalogueImports(source);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && imported.builders.has(node.expression.text) && outsideCatalogue(node) && !isHint(node.parent)) {
        sites.push({ file: relative(SRC, path).split('\\').join('/'), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, ctor: node.expression.text, code: '', source: 'builder' });
      }
      // A request's fix hints for the HTTP client (`authHint: ...`, `notFoundHint`, or the shorthand `{ authHint }`).
      if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isIdentifier(node.name) && HINTS.has(node.name.text) && outsideCatalogue(node)) {
        const value = ts.isPropertyAssignment(node) ? node.initializer : node.name;
        if (!(ts.isIdentifier(value) && value.text === node.name.text && ts.isPropertyAssignment(node))) {
          sites.push({ file: relative(SRC, path).split('\\').join('/'), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, ctor: node.name.text, code: '', ...classify(value, imported.names) });
        }
      }
      // The HTTP client builds its HttpErrors through `fail(code, message, fix, host, status?)`.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'fail' && relative(SRC, path).startsWith('http')) {
        const [code, , fix] = node.arguments;
        sites.push({ file: relative(SRC, path).split('\\').join('/'), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, ctor: 'fail', code: code ? code.getText().replace(/^'|'$/g, '') : '', ...classify(fix, imported.names) });
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /^(PulseError|HttpError)$/.test(node.expression.text)) {
        const [code, , fix] = node.arguments ?? [];
        sites.push({
          file: relative(SRC, path).split('\\').join('/'),
          line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          ctor: node.expression.text,
          code: code ? code.getText().replace(/^'|'$/g, '') : '',
          ...classify(fix, imported.names),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

/** Fix texts compared loosely: case, punctuation and placeholders do not make two fixes different. */
export function normaliseFix(text: string): string {
  return text
    .toLowerCase()
    .replace(/…/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Counts for the report: sites by fix source, distinct literal fixes, and the repeated ones. */
export function summarise(sites: readonly ErrorSite[]): { bySource: Record<FixSource, number>; distinct: number; repeated: [string, number][] } {
  const bySource: Record<FixSource, number> = { builder: 0, default: 0, catalogue: 0, literal: 0, passed: 0 };
  const texts = new Map<string, number>();
  for (const site of sites) {
    bySource[site.source] += 1;
    if (site.text !== undefined) texts.set(normaliseFix(site.text), (texts.get(normaliseFix(site.text)) ?? 0) + 1);
  }
  const repeated = [...texts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
  return { bySource, distinct: texts.size, repeated };
}

if (import.meta.main) {
  const sites = errorSites();
  const outside = sites.filter((s) => !s.file.startsWith('errors'));
  const { bySource, distinct, repeated } = summarise(outside);
  const built = outside.filter((s) => s.source === 'builder').length;
  console.log(`error sites outside the catalogue: ${outside.length}: ${built} catalogue builder calls, PulseError ${outside.filter((s) => s.ctor === 'PulseError').length}, HttpError ${outside.filter((s) => s.ctor === 'HttpError').length}`);
  console.log(`fix source: ${JSON.stringify(bySource)}`);
  console.log(`distinct inline fix texts: ${distinct}`);
  for (const [text, n] of repeated) console.log(`  ${n}× ${text}`);
  if (process.argv.includes('--list')) for (const s of outside) console.log(`${s.file}:${s.line} ${s.code || s.ctor} ${s.source}${s.text ? ` ${JSON.stringify(s.text)}` : ''}`);
}
