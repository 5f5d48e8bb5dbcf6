// The manual source: a value typed into the goals file for the period, marked manual; a missing
// month is unavailable with a reason that says what to add. It never touches the network (msw
// fails any request).
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { manualSource } from '../../../src/sources/manual/index.ts';
import { harness } from '../youtube/harness.ts';

const period = (month: number) => periodOf({ year: 2026, month }, 'Europe/Berlin');

function collect(values: Record<string, number>, month: number) {
  const h = harness({});
  const collector = manualSource.createCollector(h.ctx, 'spreadsheet', { type: 'manual' });
  return { h, outcome: collector.collect({ id: 'education-program-seats', query: { kind: 'value', values } }, period(month)) };
}

const VALUES = { '2026-08': 41200, '2026-09': 42150, '2026-10': 43020 };

describe('manual source', () => {
  it('gives the value typed in for the period, marked manual', async () => {
    const { h, outcome } = collect(VALUES, 10);
    expect(await outcome).toEqual({ value: 43020, status: 'manual', note: 'entered by hand in the goals file' });
    expect(h.http.stats().requests).toBe(0);
  });

  it('keeps 0 as a value', async () => {
    expect(await collect({ '2026-10': 0 }, 10).outcome).toMatchObject({ value: 0, status: 'manual' });
  });

  it('is unavailable for a month without a value, saying what to add', async () => {
    expect(await collect(VALUES, 11).outcome).toEqual({
      value: null,
      status: 'unavailable',
      reason: 'no manual value for 2026-11 in the goals file (add "2026-11": <number> under query.values)',
    });
  });

  it('is unavailable when no value was typed in at all', async () => {
    expect(await collect({}, 10).outcome).toMatchObject({ value: null, status: 'unavailable' });
  });

  it('rejects keys that are not months and values that are not numbers', () => {
    expect(manualSource.querySchema.safeParse({ kind: 'value', values: { '2026-13': 1 } }).success).toBe(false);
    expect(manualSource.querySchema.safeParse({ kind: 'value', values: { October: 1 } }).success).toBe(false);
    expect(manualSource.querySchema.safeParse({ kind: 'value', values: { '2026-10': '12' } }).success).toBe(false);
    expect(manualSource.querySchema.safeParse({ kind: 'value', values: { '2026-10': 12.5 } }).success).toBe(true);
  });
});
