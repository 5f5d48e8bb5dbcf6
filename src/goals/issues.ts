// One problem in a goals file, before it has a line and column: a path into the document, a
// message, and whether it is about a key (unknown or malformed keys) or the value at the path.
import type { z } from 'zod';
import { suggestKey } from './suggest.ts';

export type IssuePath = ReadonlyArray<string | number>;

export interface GoalsIssue {
  path: IssuePath;
  message: string;
  /** 'key': point at the key itself (unknown key, bad record key); default: at the value. */
  at?: 'key' | 'value';
  /** The zod issue code when zod found it ('invalid_type' on an absent key means "required"). */
  code?: string;
}

/**
 * zod issues as goals issues under `prefix`. Unknown keys become one issue per key, positioned on
 * that key (zod reports them on the parent object); a bad record key carries its own message.
 */
export function issuesFromZod(prefix: IssuePath, error: z.ZodError): GoalsIssue[] {
  const out: GoalsIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const near = suggestKey(key);
        out.push({ path: [...path, key], message: `unknown key "${key}"${near ? ` (did you mean ${near}?)` : ''}`, at: 'key' });
      }
    } else if (issue.code === 'invalid_key') {
      out.push({ path, message: `bad key: ${issue.issues[0]?.message ?? issue.message}`, at: 'key' });
    } else {
      // zod's default wording starts with "Invalid input: "; the path already says where.
      out.push({ path, message: plainTypeMessage(issue.message.replace(/^Invalid input: /, '')), code: issue.code });
    }
  }
  return out;
}

// YAML words for zod's type names: a goals-file author writes lines, not JavaScript objects.
const SHAPES: Record<string, string> = {
  object: 'a mapping (indented `key: value` lines)',
  record: 'a mapping (indented `key: value` lines)',
  map: 'a mapping (indented `key: value` lines)',
  array: 'a list (lines starting with "- ")',
  tuple: 'a list (lines starting with "- ")',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
  undefined: 'missing',
  nan: 'not a number',
};

const FOUND: Record<string, string> = { object: 'a mapping', record: 'a mapping', array: 'a list', string: 'text', number: 'a number', boolean: 'true/false', null: 'empty' };

/** zod's "expected object, received number" in the goals file's words; other messages unchanged. */
export function plainTypeMessage(message: string): string {
  const m = /^expected (\w+), received (\w+)$/.exec(message);
  if (!m) return message;
  const [, expected, received] = m as unknown as [string, string, string];
  // A missing key is reported as "is required" by the loader, which reads zod's own wording.
  if (received === 'undefined') return message;
  return `must be ${SHAPES[expected] ?? expected}, not ${FOUND[received] ?? received}`;
}

/** `metrics[2].query.kind`; keys that are not plain words are quoted: `ramp["FY27 Q1"]`. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[\w-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
