// Calendar months, fiscal quarters and fiscal years, with exact month boundaries in the report's
// time zone. A period is half-open: [start, end). An MR merged at 00:00:00 on the 1st belongs to
// that month; one merged at 00:00:00 on the next 1st does not.
import { backfillReversed, backfillTooLong, monthNotEnded } from '../errors/args.ts';

export interface MonthRef {
  year: number;
  /** 1–12 */
  month: number;
}

export interface Period extends MonthRef {
  /** "YYYY-MM" */
  label: string;
  /** First instant of the month in `timeZone` (inclusive). */
  start: Date;
  /** First instant of the next month in `timeZone` (exclusive). */
  end: Date;
  timeZone: string;
}

export interface FiscalQuarter {
  /** Fiscal year, named by the calendar year it ends in (GitLab: FY27 = Feb 2026 – Jan 2027). */
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  /** "FY27-Q1" */
  label: string;
  months: MonthRef[];
}

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses "YYYY-MM"; returns undefined for anything else (callers own the error message). */
export function parseMonth(text: string): MonthRef | undefined {
  const match = PERIOD_RE.exec(text);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function formatMonth({ year, month }: MonthRef): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths({ year, month }: MonthRef, delta: number): MonthRef {
  const index = year * 12 + (month - 1) + delta;
  // A true modulo: `%` is negative below year 0, which made month loops never end.
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

export function compareMonths(a: MonthRef, b: MonthRef): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: MonthRef, to: MonthRef): MonthRef[] {
  const out: MonthRef[] = [];
  for (let m = from; compareMonths(m, to) <= 0; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The first month community-pulse reports on; older ones are typing mistakes (0000-12). */
export const FIRST_MONTH: MonthRef = { year: 2000, month: 1 };

/** The last month a period may name: December of the year after `now` (month keys of plans). */
export function lastAllowedMonth(now: Date): MonthRef {
  return { year: now.getUTCFullYear() + 1, month: 12 };
}

/** Why `ref` is outside 2000-01 … December next year, or undefined when it is inside. */
export function monthOutOfBounds(ref: MonthRef, now: Date): string | undefined {
  const last = lastAllowedMonth(now);
  if (compareMonths(ref, FIRST_MONTH) >= 0 && compareMonths(ref, last) <= 0) return undefined;
  return `must be a month from ${formatMonth(FIRST_MONTH)} to ${formatMonth(last)} (got ${formatMonth(ref)})`;
}

/** Backfill collects at most this many months unless --max-months says otherwise. */
export const DEFAULT_MAX_MONTHS = 60;

/** "2026-01, 2026-02, 2026-03" or, past `max` labels, "2020-01, 2020-02, … 2026-10 (82 months)". */
export function summarizeMonths(labels: readonly string[], max = 6): string {
  if (labels.length <= max) return labels.join(', ');
  return `${labels.slice(0, 3).join(', ')}, … ${labels.at(-1) ?? ''} (${labels.length} months)`;
}

export interface MonthsRequest {
  kind: 'run' | 'backfill';
  period?: MonthRef | undefined;
  from?: MonthRef | undefined;
  to?: MonthRef | undefined;
  /** Backfill's cap on the number of months; default DEFAULT_MAX_MONTHS. */
  maxMonths?: number | undefined;
}

/**
 * The months a run or backfill reports, oldest first, or an EARGS error: a month that has not
 * ended yet (its numbers would be partial), --from after --to, or more months than the cap.
 * `current` is the month `now` falls in, in the report's time zone.
 */
export function resolveMonths(request: MonthsRequest, current: MonthRef): MonthRef[] {
  const latest = addMonths(current, -1);
  const notEnded = (flag: string, ref: MonthRef) => monthNotEnded({ flag, month: formatMonth(ref), latest: formatMonth(latest) });
  if (request.kind === 'run') {
    const period = request.period ?? latest;
    if (compareMonths(period, latest) > 0) throw notEnded('--period', period);
    return [period];
  }
  const from = request.from ?? latest;
  const to = request.to ?? latest;
  if (compareMonths(to, latest) > 0) throw notEnded('--to', to);
  if (compareMonths(from, to) > 0) {
    throw backfillReversed({ from: formatMonth(from), to: formatMonth(to) });
  }
  const count = compareMonths(to, from) + 1;
  const max = request.maxMonths ?? DEFAULT_MAX_MONTHS;
  if (count > max) {
    throw backfillTooLong({ from: formatMonth(from), to: formatMonth(to), count, max });
  }
  return monthRange(from, to);
}

/** Whether `timeZone` is an IANA zone this Node knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time in `timeZone` at `instant`, as if it were UTC (ms). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The instant at which the wall clock in `timeZone` shows midnight on the 1st of the month. */
export function startOfMonth({ year, month }: MonthRef, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, 1);
  // Two passes settle the offset even when it differs between the guess and the answer (DST).
  let guess = wall - (wallClockAsUtc(wall, timeZone) - wall);
  guess = wall - (wallClockAsUtc(guess, timeZone) - guess);
  return new Date(guess);
}

export function periodOf(ref: MonthRef, timeZone = 'UTC'): Period {
  return {
    year: ref.year,
    month: ref.month,
    label: formatMonth(ref),
    start: startOfMonth(ref, timeZone),
    end: startOfMonth(addMonths(ref, 1), timeZone),
    timeZone,
  };
}

/** The month `now` falls in, in `timeZone`. */
export function monthAt(now: Date, timeZone = 'UTC'): MonthRef {
  const wall = new Date(wallClockAsUtc(now.getTime(), timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1 };
}

/** The default reporting period: the calendar month before the one `now` falls in. */
export function previousMonth(now: Date, timeZone = 'UTC'): MonthRef {
  return addMonths(monthAt(now, timeZone), -1);
}

/** Index (0–11) of a month within its fiscal year. */
function fiscalMonthIndex({ month }: MonthRef, fiscalYearStart: number): number {
  return (month - fiscalYearStart + 12) % 12;
}

/** The fiscal year `ref` belongs to, named by the calendar year the fiscal year ends in. */
export function fiscalYearOf(ref: MonthRef, fiscalYearStart: number): number {
  const firstMonthOfFy = addMonths(ref, -fiscalMonthIndex(ref, fiscalYearStart));
  return addMonths(firstMonthOfFy, 11).year;
}

export function fiscalQuarterOf(ref: MonthRef, fiscalYearStart: number): FiscalQuarter {
  const index = fiscalMonthIndex(ref, fiscalYearStart);
  const quarter = (Math.floor(index / 3) + 1) as 1 | 2 | 3 | 4;
  const first = addMonths(ref, -(index % 3));
  const fiscalYear = fiscalYearOf(ref, fiscalYearStart);
  return {
    fiscalYear,
    quarter,
    label: `FY${String(fiscalYear % 100).padStart(2, '0')}-Q${quarter}`,
    months: [first, addMonths(first, 1), addMonths(first, 2)],
  };
}

/** The twelve months of the fiscal year `ref` belongs to. */
export function fiscalYearMonths(ref: MonthRef, fiscalYearStart: number): MonthRef[] {
  const first = addMonths(ref, -fiscalMonthIndex(ref, fiscalYearStart));
  return monthRange(first, addMonths(first, 11));
}

/** "FY27" */
export function fiscalYearLabel(fiscalYear: number): string {
  return `FY${String(fiscalYear % 100).padStart(2, '0')}`;
}
