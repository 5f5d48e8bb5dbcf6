// Reads a goals file and returns it parsed, or throws ONE PulseError listing every problem:
// YAML syntax, schema and cross-field rules, each as `FILE:LINE:COL: path.to.field message`,
// sorted by position (every problem at once).
import { open } from 'node:fs/promises';
import { type Document, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, type ParsedNode, parseDocument, visit, type YAMLError } from 'yaml';
import { PulseError } from '../errors.ts';
import { goalsInvalid, goalsTooDeep, goalsTooLarge, goalsUnreadable } from '../errors/goals.ts';
import { SecretMasker } from '../secrets.ts';
import { credentialIssues } from './credential-rules.ts';
import { envNames } from './env-names.ts';
import { assembleGoals, type Goals } from './goals.ts';
import { formatPath, type GoalsIssue, issuesFromZod } from './issues.ts';
import { locate, pathAt } from './positions.ts';
import { outputIssues } from './output-rules.ts';
import { checkRules } from './rules.ts';
import { goalsSchema } from './schema.ts';
import { scanForSecrets } from './secret-scan.ts';

export interface LoadedGoals {
  goals: Goals;
  /** Every env var name the file references (`*_env` fields, defaults included). */
  envNames: string[];
}

interface Positioned {
  offset: number;
  line: number;
  col: number;
  text: string;
}

interface Problem {
  offset: number;
  path: string;
  message: string;
}

function yamlProblems(doc: Document.Parsed<ParsedNode>, errors: readonly YAMLError[]): Problem[] {
  return errors.map((error) => {
    // Name the field only while the keys look like goals-file keys: a broken line parses into
    // odd keys ("title org") that would only confuse.
    const segments = pathAt(doc, error.pos[0]);
    const plain = segments.findIndex((s) => typeof s === 'string' && !/^[\w-]+$/.test(s));
    const path = formatPath(plain === -1 ? segments : segments.slice(0, plain));
    return { offset: error.pos[0], path, message: `YAML: ${error.message}` };
  });
}

/**
 * A mapping key that is itself a list or mapping (`? [a, b]: 1`, `{a: 1}: 2`): no goals-file key is,
 * and yaml would stringify it with a warning on stderr. Reported as a positioned problem instead.
 */
function complexKeyProblems(doc: Document.Parsed<ParsedNode>): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      const offset = pair.key.range?.[0] ?? 0;
      problems.push({ offset, path: formatPath(pathAt(doc, offset)), message: 'a key must be a plain name, not a list or mapping' });
    },
  });
  return problems;
}

/** Goals files are a few KB; 1 MB leaves room and keeps a 50 MB (or endless) file out. */
export const MAX_GOALS_BYTES = 1024 * 1024;
/** The deepest goals-file field is about 8 levels down; 64 is generous and far from a stack overflow. */
export const MAX_DEPTH = 64;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function tooLarge(fileName: string): PulseError {
  return goalsTooLarge(fileName);
}

function tooDeep(fileName: string): PulseError {
  return goalsTooDeep({ file: fileName, depth: MAX_DEPTH });
}

/**
 * A cheap upper estimate of nesting from the text alone (flow brackets, runs of "- " on a line),
 * so a megabyte of "[[[[" or "- - - -" is refused before the parser spends seconds and hundreds
 * of MB on it. Quoted text and comments are skipped; no goals file comes near the limit.
 */
function textDepth(source: string): number {
  let max = 0;
  let depth = 0;
  let quote: string | undefined;
  for (const line of source.split('\n')) {
    for (const run of line.match(/(?:-[ \t]+)+/g) ?? []) {
      const dashes = run.split('-').length - 1;
      if (dashes > max) max = dashes;
    }
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) break;
      else if (c === '[' || c === '{') {
        depth++;
        if (depth > max) max = depth;
      } else if ((c === ']' || c === '}') && depth > 0) depth--;
    }
    if (quote === "'") quote = undefined; // single-quoted scalars rarely span lines; do not let one swallow the file
    if (max > MAX_DEPTH) return max;
  }
  return max;
}

/** Nesting depth of a YAML node, walked with an explicit stack (recursion is what overflowed). */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() ?? { node: undefined, depth: 0 };
    if (depth > max) max = depth;
    if (max > MAX_DEPTH) return max;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push({ node: item.value, depth: depth + 1 }, { node: item.key, depth: depth + 1 });
        else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return max;
}

function prototypeKeys(doc: Document.Parsed<ParsedNode>): Problem[] {
  const out: Problem[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          if (isScalar(item.key) && PROTOTYPE_KEYS.has(String(item.key.value))) {
            const offset = item.key.range?.[0] ?? 0;
            out.push({ offset, path: formatPath(pathAt(doc, offset).slice(0, -1)), message: `"${String(item.key.value)}" is not allowed as a key (it names a JavaScript object's internals): rename it` });
          }
          stack.push(item.value);
        } else stack.push(item);
      }
    }
  }
  return out;
}

function rootKind(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a single ${typeof value} value`;
}

/** Validates goals-file text. `fileName` is only used in messages. Pure: no I/O. */
export function parseGoals(source: string, fileName: string): LoadedGoals {
  const lineCounter = new LineCounter();
  if (source.length > MAX_GOALS_BYTES) throw tooLarge(fileName);
  if (textDepth(source) > MAX_DEPTH) throw tooDeep(fileName);
  let doc: Document.Parsed<ParsedNode>;
  try {
    // logLevel 'error': yaml prints nothing itself; every problem it finds is reported below, positioned.
    doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep(fileName);
    throw error;
  }
  if (depthOf(doc.contents) > MAX_DEPTH) throw tooDeep(fileName);
  const problems: Problem[] = [];
  problems.push(...yamlProblems(doc, doc.errors), ...yamlProblems(doc, doc.warnings), ...complexKeyProblems(doc));

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The only RangeError a 1 MB file can cause here is the call stack of a deep structure.
    if (error instanceof RangeError) throw tooDeep(fileName);
    // e.g. an alias bomb; the structure cannot be trusted, so stop at this one problem.
    problems.push({ offset: 0, path: '', message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    raw = undefined;
  }

  // A key like __proto__ would set the object's prototype instead of holding a value.
  problems.push(...prototypeKeys(doc));
  const scan = scanForSecrets(doc);
  const isMapping = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  let result: ReturnType<typeof goalsSchema.safeParse> | undefined;
  let rules: ReturnType<typeof checkRules> | undefined;
  if (doc.contents === null && doc.errors.length === 0) {
    problems.push({
      offset: 0,
      path: '',
      message: 'the goals file is empty: it needs version, report, sources and metrics (copy examples/goals.yml to start)',
    });
  } else if (!isMapping && doc.errors.length === 0 && raw !== undefined) {
    problems.push({
      offset: doc.contents?.range[0] ?? 0,
      path: '',
      message: `the goals file must be a mapping of keys (version:, report:, sources:, metrics:, publish:), but it holds ${rootKind(raw)}`,
    });
  } else if (isMapping) {
    result = goalsSchema.safeParse(raw);
    rules = checkRules(raw);
    const issues: GoalsIssue[] = [...(result.success ? [] : issuesFromZod([], result.error)), ...rules.issues, ...credentialIssues(raw as Record<string, unknown>), ...outputIssues(raw as Record<string, unknown>)];
    // After a syntax error the rest of the structure is a guess: keep only schema problems that
    // lie before it and do not depend on what follows (a "missing" key may just be misparsed).
    const broken = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => e.pos[0]);
    const trustedBefore = broken.length > 0 ? Math.min(...broken) : Number.POSITIVE_INFINITY;
    for (const issue of issues) {
      const problem = positioned(doc, issue);
      if (problem.offset < trustedBefore && !(problem.missing && broken.length > 0)) problems.push(problem);
    }
    // A pasted credential is a scalar wherever the structure around it went: always report it.
    for (const issue of scan.issues) problems.push(positioned(doc, issue));
  }

  if (problems.length === 0 && result?.success && rules) {
    const goals = assembleGoals(result.data, rules.parsed);
    return { goals, envNames: envNames(goals) };
  }
  throw invalid(fileName, problems, lineCounter, scan.found);
}

function positioned(doc: Document.Parsed<ParsedNode>, issue: GoalsIssue): Problem & { missing: boolean } {
  const where = locate(doc, issue.path, issue.at);
  const path = formatPath(issue.path);
  if (!where.found && issue.at !== 'key' && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
    // The key is absent: point at the mapping that should hold it and say so plainly.
    const custom = /^(expected|Invalid)/.test(issue.message) ? '' : `: ${issue.message}`;
    return { offset: where.offset, path, message: `is required${custom}`, missing: true };
  }
  return { offset: where.offset, path, message: issue.message, missing: !where.found };
}

function invalid(fileName: string, problems: Problem[], lineCounter: LineCounter, secrets: string[]): PulseError {
  const masker = new SecretMasker();
  for (const secret of secrets) masker.add(secret);
  const seen = new Set<string>();
  const lines: Positioned[] = [];
  for (const problem of problems) {
    const { line, col } = lineCounter.linePos(problem.offset);
    const text = masker.mask(`${fileName}:${line}:${col}: ${problem.path ? `${problem.path} ` : ''}${problem.message}`);
    if (seen.has(text)) continue; // zod and the rules can both see the same fault
    seen.add(text);
    lines.push({ offset: problem.offset, line, col, text });
  }
  lines.sort((a, b) => a.offset - b.offset);
  return goalsInvalid({ file: fileName, details: lines.map((l) => l.text) });
}

export interface LoadOptions {
  /** Injected in tests; defaults to reading UTF-8 from disk. */
  readFile?: (path: string) => Promise<string>;
}

/** Reads and validates the goals file at `path` (as the user typed it: messages name it so). */
export async function loadGoals(path: string, options: LoadOptions = {}): Promise<LoadedGoals> {
  const read = options.readFile ?? readGoalsFile;
  let source: string;
  try {
    source = await read(path);
  } catch (error) {
    if (error instanceof PulseError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw goalsUnreadable({ path, reason, cause: error });
  }
  return parseGoals(source, path);
}

/**
 * Reads UTF-8 text, refusing more than MAX_GOALS_BYTES without reading further: /dev/zero or a
 * 3 GB file must not be loaded into memory first (it used to fail with "Invalid string length").
 */
export async function readGoalsFile(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_GOALS_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_GOALS_BYTES) throw tooLarge(path);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
