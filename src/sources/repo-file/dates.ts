// When an entry happened, and whether that falls in a period. Periods are local calendar months of
// the report's time zone ([start, end) instants). A date-only value ("2026-10-31") is that local
// day; a date-time with an offset or Z is an instant; a date-time without one is local wall time,
// so only its day matters (periods are whole local days).
import type { Period } from '../../periods/periods.ts';

export type EntryDate = { kind: 'day'; day: string } | { kind: 'instant'; at: number };

const DATE_PART = /^(\d{4})-(\d{2})-(\d{2})/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ZONED_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})$/i;

/** "2026-02-30" has the right shape but is no day. */
function isCalendarDay(text: string): boolean {
  const m = DATE_PART.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The entry's date, or undefined when it is missing or not an ISO 8601 date / date-time. */
export function parseEntryDate(value: unknown): EntryDate | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : { kind: 'instant', at: value.getTime() };
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!isCalendarDay(text)) return undefined;
  if (DATE_ONLY.test(text) || LOCAL_DATE_TIME.test(text)) return { kind: 'day', day: text.slice(0, 10) };
  const zoned = ZONED_DATE_TIME.exec(text);
  if (!zoned) return undefined;
  const offset = (zoned[3] ?? '').toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const at = Date.parse(`${zoned[1]}T${zoned[2]}${offset}`);
  return Number.isNaN(at) ? undefined : { kind: 'instant', at };
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD" of `instant` on the wall calendar of `timeZone`. */
export function localDay(instant: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const part of f.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`;
}

export interface PeriodTest {
  includes(date: EntryDate): boolean;
}

/** Period start and end are local midnights, so a local day is inside iff first ≤ day < end day. */
export function periodTest(period: Period): PeriodTest {
  const firstDay = localDay(period.start, period.timeZone);
  const endDay = localDay(period.end, period.timeZone);
  const start = period.start.getTime();
  const end = period.end.getTime();
  return {
    includes: (date) => (date.kind === 'day' ? date.day >= firstDay && date.day < endDay : date.at >= start && date.at < end),
  };
}
