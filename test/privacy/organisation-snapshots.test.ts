// Issue 22 (confidentiality) with issue 18's rule: the organisation kinds read customer names and
// ARR. Whether or not the goals file publishes such a metric's value, a stored snapshot — the file
// committed to the handbook repository beside the page — never carries the names, the ARR-based
// figures or the note that lists leading organisations; the run's own report (email, page when
// public: true) is built from the collection, not from a stored file.
import { describe, expect, it } from 'vitest';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';

const CUSTOMER = 'Northwind Traders';
const ARR_VALUE = 150000;

function snapshot(kind: string): Snapshot {
  return {
    schema_version: 1,
    period: '2026-10',
    timezone: 'UTC',
    generated_at: '2026-11-04T06:00:00Z',
    generator: 'test',
    metrics: {
      m: {
        name: 'An organisation metric',
        value: 3,
        status: 'ok',
        note: `Leading: ${CUSTOMER} (4 open MRs, median 12 days).`,
        definition_hash: 'h',
        collected_at: '2026-11-04T06:00:00Z',
        source: { name: 'gitlab', type: 'gitlab' },
        query: { kind, group: 'acme' },
        breakdown: { kind: 'items', items: [{ key: CUSTOMER, label: CUSTOMER, value: ARR_VALUE, url: 'https://crm.example/northwind', count: 2 }] },
      },
    },
  };
}

describe('a stored snapshot of an organisation kind', () => {
  it.each(['mrarr', 'contributing_customers', 'contributing_organisations', 'leading_organisations', 'customer_contributions', 'organisational_diversity'])('%s: no customer name, ARR figure, link or note', (kind) => {
    const text = serializeSnapshot(snapshot(kind));
    for (const secret of [CUSTOMER, String(ARR_VALUE), 'crm.example']) expect(text).not.toContain(secret);
    const stored = JSON.parse(text) as Snapshot;
    expect(stored.metrics.m?.value).toBe(3);
    expect(stored.metrics.m?.note).toBeUndefined();
    expect(stored.metrics.m?.breakdown?.items[0]).toMatchObject({ label: 'Confidential', value: null, count: 2, confidential: true });
  });

  it('other gitlab kinds keep their rows and note', () => {
    const stored = JSON.parse(serializeSnapshot(snapshot('merged_mrs'))) as Snapshot;
    expect(stored.metrics.m?.note).toContain(CUSTOMER);
    expect(stored.metrics.m?.breakdown?.items[0]?.label).toBe(CUSTOMER);
  });

  it('is written to the same bytes when read back and written again (no new commit on a re-run)', () => {
    const once = serializeSnapshot(snapshot('mrarr'));
    expect(serializeSnapshot(JSON.parse(once) as Snapshot)).toBe(once);
  });
});
