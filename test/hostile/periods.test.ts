// Issue 10 items 3, 6 and 14: months outside 2000-01 … next year are refused by the argument parser
// (they used to hang or run out of memory), backfill ranges are capped, and messages are plain.
import { describe, expect, it } from 'vitest';
import { addMonths, monthRange } from '../../src/periods/periods.ts';
import { manualGoals, runCli, tempDir } from './spawn.ts';

describe('period bounds', () => {
  it.each(['0000-01', '0000-12', '1999-12', '9999-12'])('run --period %s exits 2 at once with the allowed range', async (period) => {
    const dir = tempDir({ 'goals.yml': manualGoals() });
    const result = await runCli(['run', '--period', period, '--out', 'out'], dir, {}, 30_000);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('2000-01');
    expect(result.stderr).not.toMatch(/--period\.period/);
  });

  it('--period 2026-13 names the option once and says what a month looks like', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals() });
    const result = await runCli(['run', '--period', '2026-13'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: run: --period: must be a month as YYYY-MM/);
  });

  it('month arithmetic stays in range below year 0 (no endless loop)', () => {
    expect(addMonths({ year: 0, month: 1 }, -1)).toEqual({ year: -1, month: 12 });
    expect(monthRange({ year: -1, month: 11 }, { year: 0, month: 2 })).toHaveLength(4);
  });
});

describe('backfill range', () => {
  it('refuses 1000-01 … 9999-12 with a short message', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals() });
    const result = await runCli(['backfill', '--from', '1000-01', '--to', '9999-12', '--out', 'out'], dir, {}, 30_000);
    expect(result.code).toBe(2);
    expect(result.stderr.length).toBeLessThan(2000);
  });

  it('refuses more than 60 months unless --max-months allows them, and summarises long month lists', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals() });
    const refused = await runCli(['backfill', '--from', '2020-01', '--to', '2026-10', '--out', 'out'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('82 months');
    expect(refused.stderr).toContain('--max-months');
    const allowed = await runCli(['backfill', '--from', '2020-01', '--to', '2026-10', '--max-months', '100', '--out', 'out', '--verbose'], dir);
    expect(allowed.code, allowed.stderr).toBe(3); // only 2026-10 has a manual value
    for (const line of allowed.stderr.split('\n')) expect(line.length, line).toBeLessThan(400);
  });

  it('refuses future months', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals() });
    const result = await runCli(['run', '--period', '2027-06', '--out', 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/future/);
  });
});
