// Counts the entries of one file that match a query's `where` and whose date falls in the period.
// Matching entries without a usable date are skipped and counted in a note, never silently.
import { PulseError } from '../../errors.ts';
import type { Period } from '../../periods/periods.ts';
import { plural } from '../../text.ts';
import type { MetricOutcome } from '../types.ts';
import { parseEntryDate, periodTest } from './dates.ts';
import { describeFile, type FileRef } from './entries.ts';
import type { RepoFileQuery } from './config.ts';
import { entrySchema, type Entry } from './responses.ts';

type Wanted = string | number | boolean;

/** YAML keeps types, CSV gives strings: compare by meaning, so `{ year: 2026 }` matches "2026" too. */
function sameValue(actual: unknown, wanted: Wanted): boolean {
  if (actual === wanted) return true;
  if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean') return false;
  const text = String(actual).trim();
  if (typeof wanted === 'number') return text !== '' && Number(text) === wanted;
  if (typeof wanted === 'boolean') return text.toLowerCase() === String(wanted);
  return text === wanted;
}

function matches(entry: Entry, where: Record<string, Wanted>): boolean {
  return Object.entries(where).every(([field, wanted]) => {
    const actual = entry[field];
    return Array.isArray(actual) ? actual.some((item) => sameValue(item, wanted)) : sameValue(actual, wanted);
  });
}

export function countEntries(items: readonly unknown[], query: RepoFileQuery, period: Period, ref: FileRef): MetricOutcome {
  const entries = items.map((item) => entrySchema.safeParse(item)).map((r) => (r.success ? r.data : undefined));
  const field = query.date_field;
  if (entries.length > 0 && !entries.some((e) => e !== undefined && field in e)) {
    const fields = [...new Set(entries.flatMap((e) => (e ? Object.keys(e) : [])))].slice(0, 10);
    throw new PulseError(
      'EQUERY',
      `${describeFile(ref)}: no entry has the date field "${field}"${fields.length > 0 ? ` (fields: ${fields.join(', ')})` : ''}`,
      "Set date_field in the metric's query to the field (YAML key or CSV column) that holds each entry's date.",
    );
  }
  const test = periodTest(period);
  let count = 0;
  let undated = 0;
  for (const entry of entries) {
    // A list item that is not a mapping cannot match a filter, nor has it a date.
    if (entry === undefined) {
      if (Object.keys(query.where).length === 0) undated++;
      continue;
    }
    if (!matches(entry, query.where)) continue;
    const date = parseEntryDate(entry[field]);
    if (date === undefined) undated++;
    else if (test.includes(date)) count++;
  }
  const outcome: MetricOutcome = { value: count, status: 'ok' };
  if (undated > 0) outcome.note = `${plural(undated, 'entry', 'entries')} without a valid date skipped (field "${field}" in ${ref.file})`;
  return outcome;
}
