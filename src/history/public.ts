// A snapshot as it may be stored: every stored snapshot can be committed to the handbook repository,
// which is as public as its page. Breakdown fields the metric's kind marks confidential, and the
// label and link of rows a source marked confidential, are dropped here (src/sources/confidential.ts),
// and a source's error text becomes plain words (it can name an internal host or URL; the CI log
// of the run that collected the month has it). The email and the --out files, built from the
// month's values as collected, keep both: they are for the team.
import { publicRow } from '../sources/confidential.ts';
import { kindFor } from '../sources/index.ts';
import type { Snapshot, SnapshotMetric } from './snapshot.ts';

/** What a stored snapshot says instead of a source's error. */
export const STORED_UNAVAILABLE = 'not available this month: the source could not be read (the error is in the CI log of the run that collected it)';

/** The evaluate step's "no data: <the source's error>" (evaluate.ts judgeMetric). */
const NO_DATA = 'no data: ';

function publicMetric(metric: SnapshotMetric): SnapshotMetric {
  const out: SnapshotMetric = { ...metric };
  if (out.reason !== undefined) out.reason = STORED_UNAVAILABLE;
  if (out.health) out.health = { ...out.health, reasons: out.health.reasons.map((r) => (r.startsWith(NO_DATA) ? `${NO_DATA}${STORED_UNAVAILABLE}` : r)) };
  if (out.period_total?.reason !== undefined) out.period_total = { ...out.period_total, reason: STORED_UNAVAILABLE };
  const kind = typeof metric.query.kind === 'string' ? kindFor(metric.source.type, metric.query.kind) : undefined;
  // A kind built on confidential data (customer names, ARR: KindTraits.internal) keeps them out of
  // every stored snapshot, whether or not the goals file published the metric's value: the month's
  // page and email are rendered from the run's own report, never from a stored file.
  if (kind?.internal !== undefined) delete out.note;
  if (out.breakdown) {
    const fields = kind?.internal !== undefined ? (['label', 'url', 'value'] as const) : (kind?.confidential ?? []);
    out.breakdown = { ...out.breakdown, items: out.breakdown.items.map((item) => publicRow(item, fields, undefined)) };
  }
  return out;
}

export function publicSnapshot(snapshot: Snapshot): Snapshot {
  return { ...snapshot, metrics: Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, publicMetric(m)])) };
}
