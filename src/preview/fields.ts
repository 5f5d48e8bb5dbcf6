// Which fields of two settings objects differ, each with its old and new value as text: what a
// reviewer must see for a target or a definition ("tolerance: 0.1 → 0.05", "query.group:
// gitlab-org → gitlab-com"). Pure: no I/O.
import { canonicalJson } from '../history/canonical.ts';

export interface FieldChange {
  /** e.g. "tolerance", "query.group", "source.url" */
  field: string;
  /** The old value as text; undefined when the field is new. */
  before: string | undefined;
  /** The new value as text; undefined when the field is removed. */
  after: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : canonicalJson(value);
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  // Lists (labels, recipients) and scalars are compared whole.
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return;
  out.push({ field: path, before: text(before), after: text(after) });
}

/** Every leaf field that differs between `before` and `after`, in path order. */
export function fieldChanges(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, prefix, out);
  return out;
}
