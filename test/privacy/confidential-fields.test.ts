// Issue 18 item 5: fields that later indicators add (ARR, customer names) follow the rule of
// confidential issues. A kind names its confidential breakdown fields in its descriptor
// (KindTraits.confidential); a source can also mark one row confidential (a customer among
// organisations). Those are dropped from the handbook page, the PI data and every stored snapshot
// (the committed one included), and kept in the report the email is rendered from (it goes to the team).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { OUTPUT } from '../../src/render/index.ts';
import { registerSource } from '../../src/sources/index.ts';
import { defineSource } from '../../src/sources/types.ts';
import { metric, report, row } from '../render/fixture.ts';
import { fileText, renderReport } from '../render/helpers.ts';

// A source shaped like the organisations/ARR indicators: `customer_arr` rows are customers with
// their ARR (both confidential); `organisations` rows are public, except a row marked confidential.
const orgsSource = defineSource({
  type: 'orgs-fixture',
  summary: 'fixture for confidential fields',
  configSchema: z.strictObject({ type: z.literal('orgs-fixture') }),
  querySchema: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('customer_arr') }).describe('ARR of contributing customers'), z.strictObject({ kind: z.literal('organisations') }).describe('MRs by organisation')]),
  kinds: { customer_arr: { aggregation: 'none', why: 'ARR is a level', confidential: ['label', 'value'] }, organisations: { aggregation: 'sum' } },
  createCollector: () => ({ collect: async () => ({ value: null, status: 'unavailable' }) }),
});

let unregister: () => void = () => undefined;
beforeAll(() => (unregister = registerSource(orgsSource)));
afterAll(() => unregister());

const CUSTOMER = 'Acme Rockets Ltd';
const ARR = 987654;

function snapshot(): Snapshot {
  const base = { status: 'ok' as const, definition_hash: 'h', collected_at: '2026-11-02T06:00:00Z', source: { name: 'orgs', type: 'orgs-fixture' } };
  return {
    schema_version: 1,
    period: '2026-10',
    timezone: 'UTC',
    generated_at: '2026-11-02T06:00:00Z',
    generator: 'test',
    metrics: {
      arr: { ...base, name: 'MRARR', value: 3, query: { kind: 'customer_arr' }, breakdown: { kind: 'items', items: [{ key: CUSTOMER, label: CUSTOMER, value: ARR, url: 'https://crm.example/acme', count: 3 }] } },
      orgs: {
        ...base,
        name: 'Organisations',
        value: 7,
        query: { kind: 'organisations' },
        breakdown: {
          kind: 'items',
          items: [
            { key: 'Open Source Co', label: 'Open Source Co', value: 4 },
            { key: 'Secret Customer Inc', label: 'Secret Customer Inc', value: 3, url: 'https://secret.example', confidential: true },
          ],
        },
      },
    },
  };
}

describe('confidential breakdown fields', () => {
  it('are not in a stored snapshot (the committed one is written by the same function)', () => {
    const text = serializeSnapshot(snapshot());
    for (const secret of [CUSTOMER, String(ARR), 'crm.example', 'Secret Customer Inc', 'secret.example']) expect(text).not.toContain(secret);
    const stored = JSON.parse(text) as Snapshot;
    // Still counted: the rows stay, with their other fields.
    expect(stored.metrics.arr?.breakdown?.items).toEqual([{ key: expect.stringMatching(/^confidential-[0-9a-f]{12}$/) as unknown as string, label: 'Confidential', value: null, count: 3, confidential: true }]);
    expect(stored.metrics.orgs?.breakdown?.items.map((i) => [i.label, i.value])).toEqual([
      ['Open Source Co', 4],
      ['Confidential', 3],
    ]);
  });

  it('are not on the handbook page or in the PI data; the report the email reads keeps them', async () => {
    const rows = (items: Array<Parameters<typeof row>[0]>) => ({ kind: 'items' as const, rows: items.map((i) => ({ ...row(i), ...(i.confidential === true ? { confidential: true } : {}) })) });
    const arr = metric({
      id: 'arr',
      name: 'MRARR',
      values: [1, 2, 3],
      level: 3,
      reasons: ['fine'],
      source: { name: 'orgs', type: 'orgs-fixture', query: { kind: 'customer_arr' } },
      breakdown: rows([{ key: CUSTOMER, label: CUSTOMER, value: ARR, date: '2026-10-05', url: 'https://crm.example/acme' }]),
    });
    const orgs = metric({
      id: 'orgs',
      name: 'Organisations',
      values: [5, 6, 7],
      level: 3,
      reasons: ['fine'],
      source: { name: 'orgs', type: 'orgs-fixture', query: { kind: 'organisations' } },
      breakdown: rows([
        { key: 'Open Source Co', label: 'Open Source Co', value: 4, date: '2026-10-06' },
        { key: 'Secret Customer Inc', label: 'Secret Customer Inc', value: 3, date: '2026-10-07', url: 'https://secret.example', confidential: true },
      ]),
    });
    const result = await renderReport(report([arr, orgs]));
    const page = fileText(result, OUTPUT.page);
    const pi = fileText(result, OUTPUT.piData);
    for (const text of [page, pi]) for (const secret of [CUSTOMER, '987,654', 'crm.example', 'Secret Customer Inc', 'secret.example']) expect(text).not.toContain(secret);
    expect(page).toContain('Open Source Co');
    expect(page).toContain('Confidential');
    // The report the email is rendered from is left as collected (the page works on a copy).
    expect(arr.breakdown?.rows[0]).toMatchObject({ label: CUSTOMER, value: ARR });
    expect(orgs.breakdown?.rows[1]).toMatchObject({ label: 'Secret Customer Inc', url: 'https://secret.example' });
  });
});
