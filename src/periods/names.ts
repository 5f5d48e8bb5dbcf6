// How months are named and written as dates: one place for the English month names and for the
// inclusive date pair APIs take, so a report, a log line and a query never disagree.
import type { MonthRef } from './periods.ts';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "October" (1 → "January"); the number itself for anything outside 1–12. */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/**
 * The month as the two local dates analytics APIs take (both inclusive): "2026-10-01" and
 * "2026-10-31". GA4, Plausible, Discourse's admin reports and YouTube Analytics all take this pair.
 */
export function periodDates(period: MonthRef): { startDate: string; endDate: string } {
  const label = `${period.year}-${String(period.month).padStart(2, '0')}`;
  const lastDay = new Date(Date.UTC(period.year, period.month, 0)).getUTCDate();
  return { startDate: `${label}-01`, endDate: `${label}-${String(lastDay).padStart(2, '0')}` };
}
