// Date arguments GitLab cannot move across a month edge. GitLab widens a Time given to
// `mergedBefore` to the end of its day (`lteq(date.end_of_day)`, in gitlab.com's zone, UTC), and
// the references and model code disagree on whether some bounds are inclusive. A bound that is
// already a whole UTC day means the same under every reading; the nodes are then filtered again by
// their own timestamps, so the few hours the day bounds add at a non-UTC month edge never count.

const DAY_MS = 86_400_000;

function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The UTC midnight at or before `instant`: a lower bound that includes it under every reading. */
export function dayStartAtOrBefore(instant: Date): string {
  return new Date(utcMidnight(instant.getTime())).toISOString();
}

/**
 * The last microsecond of the UTC day holding the instant just before `end`: as an upper bound it
 * is its own end of day, so widening cannot move it, and it includes everything before `end`.
 */
export function dayEndCovering(end: Date): string {
  const day = new Date(utcMidnight(end.getTime() - 1)).toISOString().slice(0, 10);
  return `${day}T23:59:59.999999Z`;
}

/** "YYYY-MM-DD" of the UTC day `days` away from a "YYYY-MM-DD" day. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "YYYY-MM-DD" of the calendar day an instant falls on in `timeZone` (the report's zone): a count
 * made by the zone's months must list its items under the zone's days, or an issue created at
 * 23:30 UTC on the 31st would be counted in the next month yet shown with the 31st.
 */
export function dayIn(instant: string | Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  // Parts, not format(): the order and separators of a formatted date depend on the locale data.
  const parts = new Map(f.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((p) => [p.type, p.value]));
  return `${parts.get('year') ?? ''}-${parts.get('month') ?? ''}-${parts.get('day') ?? ''}`;
}
