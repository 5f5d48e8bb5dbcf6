// A metric as the public outputs (the handbook page, the PI data) may show it: breakdown fields its
// kind marks confidential, and the label and link of rows its source marked confidential, are
// dropped (src/sources/confidential.ts). The email renders the metric as collected: it goes to the team.
import type { MetricReport } from '../evaluate/model.ts';
import { publicRow } from '../sources/confidential.ts';
import { kindFor } from '../sources/index.ts';

export function publicMetric(m: MetricReport): MetricReport {
  if (!m.breakdown) return m;
  const kind = typeof m.source.query.kind === 'string' ? kindFor(m.source.type, m.source.query.kind) : undefined;
  const fields = kind?.confidential ?? [];
  return { ...m, breakdown: { ...m.breakdown, rows: m.breakdown.rows.map((row) => publicRow(row, fields, null)) } };
}
