// The bytes of a snapshot file, written the same way by every writer (local directory, handbook
// commit) so re-running a month changes only what changed: pretty JSON, fields in the schema's
// order, metrics sorted by id, query and ramp keys sorted, trailing newline.
import { formatMonth, type MonthRef } from '../periods/periods.ts';
import { sortKeysDeep } from './canonical.ts';
import { publicSnapshot } from './public.ts';
import { snapshotSchema, type Snapshot, type SnapshotMetric } from './snapshot.ts';

/** File name of a period's snapshot: "2026-10.json". */
export function snapshotFileName(period: MonthRef | string): string {
  return `${typeof period === 'string' ? period : formatMonth(period)}.json`;
}

const FILE_RE = /^(\d{4}-(?:0[1-9]|1[0-2]))\.json$/;

/** The period a snapshot file name stands for, or undefined for any other file. */
export function periodOfFileName(name: string): string | undefined {
  return FILE_RE.exec(name)?.[1];
}

export function serializeSnapshot(snapshot: Snapshot): string {
  // Parsing puts every object's fields in the schema's order and drops unknown fields. Every stored
  // snapshot may be committed, so confidential breakdown fields are dropped first (public.ts).
  const parsed = snapshotSchema.parse(publicSnapshot(snapshot));
  const metrics: Record<string, SnapshotMetric> = {};
  for (const id of Object.keys(parsed.metrics).sort()) {
    const m = parsed.metrics[id];
    if (!m) continue;
    const ordered: SnapshotMetric = { ...m, query: sortKeysDeep(m.query) as Record<string, unknown> };
    if (m.target?.ramp) ordered.target = { ...m.target, ramp: sortKeysDeep(m.target.ramp) as Record<string, number> };
    metrics[id] = ordered;
  }
  return `${JSON.stringify({ ...parsed, metrics }, null, 2)}\n`;
}
