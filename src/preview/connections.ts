// Where a goals file connects and sends data: every setting under `sources:` and `publish:` (URLs,
// projects, branches, paths, recipients, and the env var each credential comes from). In a
// merge-request pipeline these come from the TARGET branch's goals file, never from the merge
// request's: an MR that repoints a URL must not make the job send a token there. Pure: no I/O.
import type { Goals } from '../goals/goals.ts';
import { canonicalJson } from '../history/canonical.ts';

export interface ConnectionChange {
  /** e.g. "publish.handbook.url" */
  path: string;
  /** The target branch's value, as text; undefined when the setting is new. */
  before: string | undefined;
  /** The merge request's value; undefined when the setting is removed. */
  after: string | undefined;
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: Json): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : canonicalJson(value);
}

function leafChanges(before: Json, after: Json, path: string, out: ConnectionChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) leafChanges(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  // Lists (recipients) and scalars are compared whole.
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return;
  out.push({ path, before: text(before), after: text(after) });
}

/** Every connection setting the merge request (`after`) changes against the target branch (`before`). */
export function connectionChanges(before: Goals, after: Goals): ConnectionChange[] {
  const out: ConnectionChange[] = [];
  leafChanges(before.sources, after.sources, 'sources', out);
  leafChanges(before.publish, after.publish, 'publish', out);
  return out;
}
