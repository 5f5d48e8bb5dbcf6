// Monthly active users from the admin reports.
//
// No Discourse report counts distinct users over an arbitrary date range: `visits` counts user
// visits per day (one row per user per day, so each day's value is that day's distinct users, but
// days cannot be summed), `daily_engaged_users` likewise. What Discourse calls MAU — distinct
// users with a visit in the 30 days ending on a day — is only published inside `dau_by_mau`, as
// the percentage ceil(DAU / MAU × 100, 2). DAU of the same day is the `visits` value, so
//     MAU = DAU × 100 / percentage
// recovers it on the period's last day. The percentage is rounded up to 0.01, so the result can be
// low by at most 0.01 / percentage (below 1 % whenever DAU/MAU ≥ 1 %, as on any living forum).
import { PulseError } from '../../errors.ts';
import type { MetricOutcome } from '../types.ts';
import type { DateRange } from './api.ts';
import type { ReportPoint, VisitsReport } from './responses.ts';

const day = (x: string) => x.slice(0, 10);

/** Distinct users of each day, from `visits` (desktop + mobile series, or flat points). */
export function dailyVisitors(report: VisitsReport): Map<string, number> {
  const byDay = new Map<string, number>();
  const add = (p: ReportPoint) => byDay.set(day(p.x), (byDay.get(day(p.x)) ?? 0) + p.y);
  for (const entry of report.report.data) {
    if ('req' in entry) entry.data.forEach(add);
    else add(entry);
  }
  return byDay;
}

/**
 * MAU on the period's last day with data, from the days of `dau_by_mau` (percent) and `visits`
 * (distinct users per day) within the range. An estimate: the percentage is rounded.
 */
export function monthlyActiveUsers(ratio: ReadonlyMap<string, number>, dau: ReadonlyMap<string, number>, range: DateRange): MetricOutcome {
  // The last day of the period that allows the division; normally the period's last day itself.
  const usable = [...ratio.entries()]
    .map(([d, percent]) => ({ day: d, percent, dau: dau.get(d) ?? 0 }))
    .filter((p) => p.day <= range.endDate && p.day >= range.startDate && p.percent > 0 && p.dau > 0)
    .sort((a, b) => (a.day < b.day ? 1 : -1))[0];
  if (!usable) {
    throw new PulseError(
      'ETRANSIENT',
      `Discourse has no DAU/MAU data with visitors between ${range.startDate} and ${range.endDate}`,
      'Discourse fills DAU/MAU with a daily job: re-run after it has run for the last day of the period, or check the forum had visitors.',
    );
  }
  const value = Math.round((usable.dau * 100) / usable.percent);
  const window = usable.day === range.endDate ? `the 30 days ending ${usable.day}` : `the 30 days ending ${usable.day} (the last day of the period with data)`;
  const note = `Estimate: distinct users with a visit in ${window} (Discourse MAU), derived from the dau_by_mau and visits reports; the data_explorer kind gives the exact calendar-month count.`;
  return { value, status: 'ok', note, estimate: true };
}
