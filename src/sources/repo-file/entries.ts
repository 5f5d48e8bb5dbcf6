// Turns a file's text into its list of entries, by extension: YAML (a list at the top level, or
// under the file's single top-level key) or CSV (a header row, then one entry per row). A file
// that cannot be read that way fails with an error naming the file and where it went wrong.
import { parseDocument } from 'yaml';
import { PulseError } from '../../errors.ts';
import { yamlRootSchema } from './responses.ts';

export interface FileRef {
  project: string;
  file: string;
  ref: string;
}

export const describeFile = ({ project, file, ref }: FileRef): string => `${file} in ${project} (ref ${ref})`;

/** One line, not too long: parser messages may quote the file's text around the problem. */
function oneLine(text: string): string {
  const line = (text.split('\n')[0] ?? '').replace(/:\s*$/, '').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function malformed(ref: FileRef, problem: string, fix: string): PulseError {
  return new PulseError('EBADRESPONSE', `${describeFile(ref)}: ${problem}`, fix);
}

function yamlEntries(text: string, ref: FileRef): unknown[] {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
    throw malformed(ref, `is not valid YAML: ${oneLine(first.message)}${more}`, `Fix the YAML syntax of ${ref.file} on branch ${ref.ref} (e.g. run it through yamllint).`);
  }
  const root = yamlRootSchema.safeParse(doc.toJS());
  const shapeFix = `Make ${ref.file} a YAML list of entries (each a mapping with a date), either at the top level or under one top-level key such as "activities:".`;
  if (!root.success) throw malformed(ref, 'expected a list of entries at the top level, found a single value', shapeFix);
  const value = root.data;
  if (value === null) return [];
  if (Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? value[keys[0] ?? ''] : undefined;
  if (only === null) return [];
  if (Array.isArray(only)) return only;
  const found = keys.length === 1 ? `key "${keys[0] ?? ''}" holding a single value` : `a mapping with ${keys.length} keys (${keys.slice(0, 5).join(', ')})`;
  throw malformed(ref, `expected a list of entries, at the top level or under a single top-level key; found ${found}`, shapeFix);
}

async function csvEntries(text: string, ref: FileRef): Promise<unknown[]> {
  // Loaded only for a CSV data file: most goals files read YAML, and no other path needs it.
  const { parse: parseCsv } = await import('csv-parse/sync');
  try {
    const rows: unknown = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    return Array.isArray(rows) ? rows : [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw malformed(ref, `is not valid CSV: ${oneLine(message)}`, `Fix ${ref.file} on branch ${ref.ref}: a header row, then rows with the same number of columns (quote values that contain commas).`);
  }
}

export async function parseEntries(text: string, ref: FileRef): Promise<unknown[]> {
  return /\.csv$/i.test(ref.file) ? csvEntries(text, ref) : yamlEntries(text, ref);
}
