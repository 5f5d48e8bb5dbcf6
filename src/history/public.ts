// A snapshot as it may be stored: every stored snapshot can be committed to the handbook repository,
// which is as public as its page. Breakdown fields the metric's kind marks confidential, and the
// label and link of rows a source marked confidential, are dropped here (src/sources/confidential.ts);
// the email and --out/report.json, built from the month's collected values, keep them.
import { publicRow } from '../sources/confidential.ts';
import { kindFor } from '../sources/index.ts';
import type { Snapshot, SnapshotMetric } from './snapshot.ts';

function publicMetric(metric: SnapshotMetric): SnapshotMetric {
  if (!metric.breakdown) return metric;
  const kind = typeof metric.query.kind === 'string' ? kindFor(metric.source.type, metric.query.kind) : undefined;
  const fields = kind?.confidential ?? [];
  return { ...metric, breakdown: { ...metric.breakdown, items: metric.breakdown.items.map((item) => publicRow(item, fields, undefined)) } };
}

export function publicSnapshot(snapshot: Snapshot): Snapshot {
  return { ...snapshot, metrics: Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, publicMetric(m)])) };
}
