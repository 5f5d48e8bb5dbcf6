// The goals-file problems of `check` in the formats a merge-request pipeline shows: GitLab's
// code-quality JSON (the MR widget and diff annotations) and JUnit XML (the MR test summary).
// Pure: problems in, text out.
import { createHash } from 'node:crypto';

export const CHECK_FORMATS = ['text', 'junit', 'codequality'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** One problem of a goals file, where it is and what is wrong. */
export interface CheckProblem {
  file: string;
  line: number;
  column: number;
  /** The field, e.g. "metrics[0].query.kind"; empty when the problem is about the whole file. */
  path: string;
  message: string;
}

const SEGMENT = String.raw`(?:[\w-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])`;
/** A field path as formatPath writes it (`metrics[0].query.kind`, `sources["a b"]`), then the message. */
const FIELD_FIRST = new RegExp(String.raw`^(${SEGMENT}(?:\.[\w-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*) (.+)$`, 's');
/** Messages about the file as a whole carry no field path. */
const WHOLE_FILE = /^(YAML: |the goals file )/;

/**
 * Reads the positioned lines an error carries (`FILE:LINE:COL: path message`). Lines about the
 * goals file are split knowing its name, so a colon inside it cannot confuse the split; lines
 * about another file (a template the goals file names) keep that file's path.
 */
export function problemsFromDetails(file: string, details: readonly string[]): CheckProblem[] {
  return details.map((detail) => {
    const own = detail.startsWith(`${file}:`) ? /^(\d+):(\d+): (.*)$/s.exec(detail.slice(file.length + 1)) : null;
    const other = own ? null : /^([^\s:][^:]*):(\d+):(\d+): (.*)$/s.exec(detail);
    const where = own ? { file, line: own[1], column: own[2], text: own[3] ?? '' } : other ? { file: other[1] ?? file, line: other[2], column: other[3], text: other[4] ?? '' } : undefined;
    if (!where) return { file, line: 1, column: 1, path: '', message: detail };
    // Field paths are goals-file paths; another file's message is kept whole.
    const field = !own || WHOLE_FILE.test(where.text) ? null : FIELD_FIRST.exec(where.text);
    return { file: where.file, line: Number(where.line), column: Number(where.column), path: field?.[1] ?? '', message: field ? (field[2] ?? '') : where.text };
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** `FILE:LINE:COL: path message`, as the log shows it. */
export function problemLine(p: CheckProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path} ` : ''}${p.message}`;
}

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/**
 * GitLab code-quality report. The fingerprint leaves the line out on purpose: GitLab compares
 * fingerprints between the target branch and the MR, and an unrelated edit above a problem would
 * otherwise make it look new. Identical problems get a counter so fingerprints stay unique.
 */
export function formatCodeQuality(problems: readonly CheckProblem[]): string {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = problems.map((p) => {
    const base = `${p.file}\u0000${p.path}\u0000${p.message}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return {
      description: p.path ? `${p.path}: ${p.message}` : p.message,
      check_name: p.path ? `goals.${p.path.split(/[.[]/)[0]}` : 'goals.file',
      fingerprint: sha256(n === 0 ? base : `${base}\u0000${n}`),
      severity: 'major',
      // GitLab matches this against the repository's paths, which never start with ./
      location: { path: p.file.replace(/^(\.\/)+/, ''), lines: { begin: p.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function xml(text: string): string {
  // XML 1.0 cannot carry most control characters at all, even escaped.
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** JUnit XML: one failed test case per problem, or one passing case for a valid file. */
export function formatJunit(file: string, problems: readonly CheckProblem[]): string {
  const cases = problems.length
    ? problems.map((p) => {
        const name = `${p.file}:${p.line}:${p.column}${p.path ? ` ${p.path}` : ''}`;
        return `    <testcase classname="community-pulse.check" name="${xml(name)}" file="${xml(p.file)}">\n      <failure message="${xml(p.message)}" type="goals">${xml(problemLine(p))}</failure>\n    </testcase>`;
      })
    : [`    <testcase classname="community-pulse.check" name="${xml(file)} is a valid goals file" file="${xml(file)}"/>`];
  const count = Math.max(problems.length, 1);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="community-pulse check" tests="${count}" failures="${problems.length}">`,
    `  <testsuite name="${xml(file)}" tests="${count}" failures="${problems.length}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function formatProblems(format: Exclude<CheckFormat, 'text'>, file: string, problems: readonly CheckProblem[]): string {
  return format === 'junit' ? formatJunit(file, problems) : formatCodeQuality(problems);
}
