// The health rule, case by case: every target kind, both directions, tolerance edges, the fiscal
// year edge, missing and unavailable months, and the exact words of each reason.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { type Cell, goalsWith, historyOf, month, snap, type TargetInput } from './fixtures.ts';

interface Case {
  name: string;
  target?: TargetInput;
  unit?: string;
  fiscalYearStart?: number;
  period: string;
  value: Cell;
  history?: Record<string, Cell>;
  level: number;
  reasons: string[];
  words?: string;
}

const cases: Case[] = [
  // Monthly, higher is better (default tolerance 0.1).
  { name: 'monthly above target', target: { monthly: 170 }, period: '2026-10', value: 182, level: 3, reasons: ['182 vs target 170 (+7%)'], words: 'At least 170 per month' },
  {
    name: 'monthly third month above target',
    target: { monthly: 170 },
    period: '2026-10',
    value: 182,
    history: { '2026-07': 150, '2026-08': 171, '2026-09': 175 },
    level: 3,
    reasons: ['182 vs target 170 (+7%); third month above target'],
  },
  { name: 'monthly exactly at target', target: { monthly: 170 }, period: '2026-10', value: 170, level: 3, reasons: ['170 vs target 170 (0%)'] },
  { name: 'monthly exactly at tolerance edge', target: { monthly: 170 }, period: '2026-10', value: 153, level: 2, reasons: ['153 vs target 170 (-10%); within the 10% tolerance'] },
  { name: 'monthly just past the tolerance edge', target: { monthly: 170 }, period: '2026-10', value: 152.9, level: 1, reasons: ['152.9 vs target 170 (-10%); more than 10% below target'] },
  {
    name: 'monthly second month below target',
    target: { monthly: 170 },
    period: '2026-10',
    value: 120,
    history: { '2026-09': 160 },
    level: 1,
    reasons: ['120 vs target 170 (-29%); more than 10% below target; second month below target'],
  },
  { name: 'monthly custom tolerance edge', target: { monthly: 200, tolerance: 0.25 }, period: '2026-10', value: 150, level: 2, reasons: ['150 vs target 200 (-25%); within the 25% tolerance'] },
  { name: 'monthly with unit', target: { monthly: 1200 }, unit: 'contributors', period: '2026-10', value: 1234, level: 3, reasons: ['1,234 vs target 1,200 (+3%)'], words: 'At least 1,200 contributors per month' },
  { name: 'monthly target 0 has no percentage', target: { monthly: 0 }, period: '2026-10', value: 3, level: 3, reasons: ['3 vs target 0'] },

  // Monthly, lower is better.
  { name: 'lower under the limit', target: { monthly: 24, direction: 'lower' }, unit: 'hours', period: '2026-10', value: 18, level: 3, reasons: ['18 vs target 24 (-25%)'], words: 'At most 24 hours' },
  { name: 'lower exactly at target', target: { monthly: 24, direction: 'lower' }, period: '2026-10', value: 24, level: 3, reasons: ['24 vs target 24 (0%)'] },
  { name: 'lower exactly at tolerance edge', target: { monthly: 24, direction: 'lower' }, period: '2026-10', value: 26.4, level: 2, reasons: ['26.4 vs target 24 (+10%); within the 10% tolerance'] },
  { name: 'lower past tolerance', target: { monthly: 24, direction: 'lower' }, period: '2026-10', value: 27, level: 1, reasons: ['27 vs target 24 (+13%); more than 10% over target'] },
  {
    name: 'lower second month within target',
    target: { monthly: 24, direction: 'lower' },
    period: '2026-10',
    value: 20,
    history: { '2026-09': 22 },
    level: 3,
    reasons: ['20 vs target 24 (-17%); second month within target'],
  },

  // Ramps: the month's target comes from its fiscal quarter (FY starts in February).
  { name: 'ramp Q1', target: { ramp: { 'FY27-Q1': 150, 'FY27-Q2': 160 } }, period: '2026-04', value: 155, level: 3, reasons: ['155 vs target 150 (+3%)'], words: 'FY27-Q1 ramp: 150 per month' },
  { name: 'ramp Q2 within tolerance', target: { ramp: { 'FY27-Q1': 150, 'FY27-Q2': 160 } }, period: '2026-05', value: 150, level: 2, reasons: ['150 vs target 160 (-6%); within the 10% tolerance'], words: 'FY27-Q2 ramp: 160 per month' },
  {
    name: 'ramp streak uses each month its own quarter target',
    target: { ramp: { 'FY27-Q1': 150, 'FY27-Q2': 160 } },
    period: '2026-05',
    value: 165,
    history: { '2026-03': 151, '2026-04': 150 },
    level: 3,
    reasons: ['165 vs target 160 (+3%); third month above target'],
  },
  { name: 'ramp quarter not listed', target: { ramp: { 'FY27-Q1': 150, 'FY27-Q2': 160 } }, period: '2026-08', value: 170, level: 0, reasons: ['no target set for FY27-Q3'], words: 'No target for FY27-Q3 (the ramp sets FY27-Q1, FY27-Q2)' },
  { name: 'ramp January is Q4 of the FY ending that January', target: { ramp: { 'FY27-Q4': 180, 'FY28-Q1': 190 } }, period: '2027-01', value: 180, level: 3, reasons: ['180 vs target 180 (0%)'], words: 'FY27-Q4 ramp: 180 per month' },
  { name: 'ramp February starts a new fiscal year', target: { ramp: { 'FY27-Q4': 180, 'FY28-Q1': 190 } }, period: '2027-02', value: 180, level: 2, reasons: ['180 vs target 190 (-5%); within the 10% tolerance'], words: 'FY28-Q1 ramp: 190 per month' },
  { name: 'ramp lower is better', target: { ramp: { 'FY27-Q3': 30 }, direction: 'lower' }, unit: 'hours', period: '2026-09', value: 31, level: 2, reasons: ['31 vs target 30 (+3%); within the 10% tolerance'], words: 'FY27-Q3 ramp: at most 30 hours' },

  // Quarterly totals, judged cumulatively (FY27-Q1 = Feb, Mar, Apr 2026).
  {
    name: 'quarterly first month on track',
    target: { quarterly: 600 },
    period: '2026-02',
    value: 210,
    level: 3,
    reasons: ['FY27-Q1 total 210 of 600 (200 expected by now); at the current rate 630 by April — 30 ahead'],
    words: '600 in FY27-Q1',
  },
  {
    name: 'quarterly within tolerance of pro-rated target',
    target: { quarterly: 600 },
    period: '2026-03',
    value: 190,
    history: { '2026-02': 200 },
    level: 2,
    reasons: ['FY27-Q1 total 390 of 600 (400 expected by now); at the current rate 585 by April — 15 short'],
  },
  {
    name: 'quarterly forecast lifts a low total to Attention (rate includes last quarter)',
    target: { quarterly: 300 },
    period: '2026-03',
    value: 130,
    history: { '2026-01': 250, '2026-02': 40 },
    level: 2,
    reasons: ['FY27-Q1 total 170 of 300 (200 expected by now); at the current rate 310 by April — 10 ahead'],
  },
  {
    name: 'quarterly low total and low forecast is a Problem',
    target: { quarterly: 300 },
    period: '2026-03',
    value: 130,
    history: { '2026-01': 100, '2026-02': 40 },
    level: 1,
    reasons: ['FY27-Q1 total 170 of 300 (200 expected by now); at the current rate 260 by April — 40 short'],
  },
  {
    name: 'quarterly last month complete',
    target: { quarterly: 600 },
    period: '2026-04',
    value: 190,
    history: { '2026-02': 200, '2026-03': 190 },
    level: 2,
    reasons: ['FY27-Q1 total 580 of 600 — 20 short'],
  },
  {
    name: 'quarterly month missing from history',
    target: { quarterly: 600 },
    period: '2026-04',
    value: 200,
    history: { '2026-02': 200 },
    // The forecast fills March at the current rate, so it meets the target: Attention, not Okay.
    level: 2,
    reasons: ['FY27-Q1 total 400 of 600 (600 expected by now); at the current rate 600 by April — on target', 'March missing from history — total may be low; run backfill'],
  },
  {
    name: 'quarterly month unavailable in history',
    target: { quarterly: 600 },
    period: '2026-04',
    value: 200,
    history: { '2026-02': 200, '2026-03': 'unavailable' },
    level: 2,
    reasons: ['FY27-Q1 total 400 of 600 (600 expected by now); at the current rate 600 by April — on target', 'March had no data — total may be low; run backfill to retry'],
  },

  // Yearly totals (FY27 = Feb 2026 – Jan 2027; January is its last month).
  {
    name: 'yearly at the current rate short',
    target: { yearly: 2000 },
    period: '2026-10',
    value: 170,
    history: { '2026-02': 140, '2026-03': 150, '2026-04': 150, '2026-05': 160, '2026-06': 160, '2026-07': 160, '2026-08': 160, '2026-09': 160 },
    level: 2,
    reasons: ['FY27 total 1,410 of 2,000 (1,500 expected by now); at the current rate 1,900 by January — 100 short'],
    words: '2,000 in FY27',
  },
  {
    name: 'yearly January closes FY27',
    target: { yearly: 2000 },
    period: '2027-01',
    value: 190,
    history: Object.fromEntries(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'].map((p) => [p, 165])),
    level: 3,
    reasons: ['FY27 total 2,005 of 2,000 — target met'],
  },
  {
    name: 'yearly February starts FY28 (January not in the total, but in the rate)',
    target: { yearly: 2000 },
    period: '2027-02',
    value: 170,
    history: { '2027-01': 190 },
    level: 3,
    reasons: ['FY28 total 170 of 2,000 (166.7 expected by now); at the current rate 2,150 by January — 150 ahead'],
    words: '2,000 in FY28',
  },
  {
    name: 'yearly with a calendar fiscal year',
    target: { yearly: 1200 },
    fiscalYearStart: 1,
    period: '2026-01',
    value: 89,
    level: 1,
    reasons: ['FY26 total 89 of 1,200 (100 expected by now); at the current rate 1,068 by December — 132 short'],
    words: '1,200 in FY26',
  },
  {
    name: 'yearly total exactly at the tolerance edge of the pro-rated target',
    target: { yearly: 1200 },
    fiscalYearStart: 1,
    period: '2026-01',
    value: 90,
    level: 2,
    reasons: ['FY26 total 90 of 1,200 (100 expected by now); at the current rate 1,080 by December — 120 short'],
  },
  {
    name: 'yearly lower is better',
    target: { yearly: 120, direction: 'lower' },
    period: '2026-03',
    value: 8,
    history: { '2026-02': 12 },
    level: 3,
    reasons: ['FY27 total 20 of at most 120 (20 expected by now); at the current rate 120 by January — on target'],
    words: 'At most 120 in FY27',
  },

  // No data, no target.
  { name: 'unavailable', target: { monthly: 170 }, period: '2026-10', value: 'unavailable', level: 0, reasons: ['no data: gitlab.com answered 503 (gave up after 5 attempts)'] },
  { name: 'no target', period: '2026-10', value: 182, level: 0, reasons: ['no target set'], words: 'No target set' },
];

describe('health rule', () => {
  it.each(cases)('$name', (c) => {
    // A count whose months add up: the aggregations are tested in aggregation.test.ts.
    const goals = goalsWith([{ id: 'm', kind: 'merged_mrs', ...(c.target ? { target: c.target } : {}), ...(c.unit ? { unit: c.unit } : {}) }], c.fiscalYearStart ?? 2);
    const { snapshot, report } = evaluate({
      goals,
      period: month(c.period),
      snapshot: snap(goals, c.period, { m: c.value }),
      history: historyOf(goals, 'm', c.history ?? {}),
    });
    const m = report.metrics[0];
    expect(m?.health.reasons).toEqual(c.reasons);
    expect(m?.health.level).toBe(c.level);
    if (c.words) expect(m?.target.words).toBe(c.words);
    // The snapshot records the same judgement, and the target it was judged by.
    expect(snapshot.metrics.m?.health).toEqual({ level: c.level, reasons: c.reasons });
    expect(snapshot.metrics.m?.target).toEqual(goals.metrics[0]?.target);
  });
});
