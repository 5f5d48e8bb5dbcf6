import { describe, expect, it } from 'vitest';
import { addMonths, fiscalQuarterOf, fiscalYearMonths, fiscalYearOf, monthRange, parseMonth, periodOf, previousMonth } from '../../src/periods/periods.ts';

describe('parseMonth', () => {
  it.each([
    ['2026-10', { year: 2026, month: 10 }],
    ['2027-01', { year: 2027, month: 1 }],
  ])('parses %s', (text, expected) => expect(parseMonth(text)).toEqual(expected));

  it.each(['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '', 'october'])('rejects %j', (text) => {
    expect(parseMonth(text)).toBeUndefined();
  });
});

describe('month boundaries', () => {
  it('are exact UTC midnights by default', () => {
    const p = periodOf({ year: 2026, month: 10 });
    expect(p.label).toBe('2026-10');
    expect(p.start.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('follow local midnight and daylight saving in the report time zone', () => {
    // October 2026 in Los Angeles: starts in PDT (UTC-7), next month starts in PDT too (DST ends Nov 1 at 02:00).
    const la = periodOf({ year: 2026, month: 10 }, 'America/Los_Angeles');
    expect(la.start.toISOString()).toBe('2026-10-01T07:00:00.000Z');
    expect(la.end.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    // November 2026 starts in PDT and ends in PST.
    const nov = periodOf({ year: 2026, month: 11 }, 'America/Los_Angeles');
    expect(nov.end.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    // Berlin, March 2026: starts in CET (UTC+1), April starts in CEST (UTC+2).
    const berlin = periodOf({ year: 2026, month: 3 }, 'Europe/Berlin');
    expect(berlin.start.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(berlin.end.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    // A zone east of UTC with a half-hour offset.
    expect(periodOf({ year: 2026, month: 1 }, 'Asia/Kolkata').start.toISOString()).toBe('2025-12-31T18:30:00.000Z');
  });
});

describe('default period', () => {
  it('is the previous calendar month', () => {
    expect(previousMonth(new Date('2026-11-02T06:00:00Z'))).toEqual({ year: 2026, month: 10 });
    expect(previousMonth(new Date('2026-01-15T00:00:00Z'))).toEqual({ year: 2025, month: 12 });
  });

  it('uses the report time zone to decide which month "now" is in', () => {
    // 23:30 UTC on Oct 31 is already Nov 1 in Berlin: the previous month there is October.
    expect(previousMonth(new Date('2026-10-31T23:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 10 });
    expect(previousMonth(new Date('2026-10-31T23:30:00Z'), 'UTC')).toEqual({ year: 2026, month: 9 });
  });
});

describe('month arithmetic', () => {
  it('crosses years both ways', () => {
    expect(addMonths({ year: 2026, month: 11 }, 3)).toEqual({ year: 2027, month: 2 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 1 }, -24)).toEqual({ year: 2024, month: 1 });
  });

  it('lists ranges inclusively', () => {
    expect(monthRange({ year: 2025, month: 11 }, { year: 2026, month: 2 }).map((m) => `${m.year}-${m.month}`)).toEqual(['2025-11', '2025-12', '2026-1', '2026-2']);
    expect(monthRange({ year: 2026, month: 2 }, { year: 2026, month: 1 })).toEqual([]);
  });
});

describe('fiscal years (GitLab: fiscal_year_start 2)', () => {
  it.each([
    [2026, 2, 27, 1, 'FY27-Q1'],
    [2026, 4, 27, 1, 'FY27-Q1'],
    [2026, 5, 27, 2, 'FY27-Q2'],
    [2026, 10, 27, 3, 'FY27-Q3'],
    [2026, 11, 27, 4, 'FY27-Q4'],
    [2027, 1, 27, 4, 'FY27-Q4'], // January is the last month of the fiscal year that began the previous February
    [2027, 2, 28, 1, 'FY28-Q1'],
    [2026, 1, 26, 4, 'FY26-Q4'],
  ])('%i-%i is FY%i Q%i', (year, month, fy, quarter, label) => {
    const q = fiscalQuarterOf({ year, month }, 2);
    expect(fiscalYearOf({ year, month }, 2) % 100).toBe(fy);
    expect(q.quarter).toBe(quarter);
    expect(q.label).toBe(label);
  });

  it('gives the months of a quarter and of a year', () => {
    expect(fiscalQuarterOf({ year: 2027, month: 1 }, 2).months).toEqual([
      { year: 2026, month: 11 },
      { year: 2026, month: 12 },
      { year: 2027, month: 1 },
    ]);
    const fy = fiscalYearMonths({ year: 2026, month: 10 }, 2);
    expect(fy).toHaveLength(12);
    expect(fy[0]).toEqual({ year: 2026, month: 2 });
    expect(fy[11]).toEqual({ year: 2027, month: 1 });
  });

  it('with a calendar fiscal year (start 1), FY = calendar year', () => {
    expect(fiscalQuarterOf({ year: 2026, month: 12 }, 1).label).toBe('FY26-Q4');
    expect(fiscalQuarterOf({ year: 2026, month: 1 }, 1).label).toBe('FY26-Q1');
  });
});
