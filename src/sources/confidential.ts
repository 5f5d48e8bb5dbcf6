// What a source keeps of a counted thing that must not be shown: a confidential issue, an issue or MR
// of a private or internal project. It is counted, and keeps only its date and a neutral label —
// never its title, link or path, which would otherwise be published on the handbook page, in the PI
// data and in the committed snapshot (a handbook repository is as public as its page). The key stays
// unique without naming the thing: a short digest of its identity (its URL).
import { createHash } from 'node:crypto';
import type { BreakdownItem } from './types.ts';

export function withheldItem(what: { prefix: string; label: string }, identity: string, date: string | undefined, value = 1): BreakdownItem {
  const digest = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return { key: `${what.prefix}-${digest}`, label: what.label, value, ...(date === undefined ? {} : { date }) };
}

/** Labels of withheld items, one per reason (readers see why there is no title). */
export const WITHHELD = {
  confidentialIssue: { prefix: 'confidential', label: 'Confidential issue' },
  nonPublicIssue: { prefix: 'non-public', label: 'Issue in a non-public project' },
  nonPublicMr: { prefix: 'non-public', label: 'Merge request in a non-public project' },
} as const;

/**
 * Fields of a breakdown row that a kind can mark confidential (KindTraits.confidential): `label` (a
 * customer's or organisation's name; the row's key and link go with it, as they name it too),
 * `url`, `value` (an ARR figure), `count`. Marked fields are dropped from the public outputs — the
 * handbook page, the PI data and every stored snapshot (the committed one included) — and kept in
 * the email and `--out/report.json`, which go to the team.
 */
export const CONFIDENTIAL_FIELDS = ['label', 'url', 'value', 'count'] as const;
export type ConfidentialField = (typeof CONFIDENTIAL_FIELDS)[number];

/** What a public output shows instead of a confidential label. */
export const CONFIDENTIAL_LABEL = 'Confidential';

/** The fields a public output drops from this row: the kind's, plus label and link of a row its source marked confidential. */
export function hiddenFields(row: { confidential?: boolean | undefined }, kindFields: readonly ConfidentialField[]): Set<ConfidentialField> {
  const hidden = new Set<ConfidentialField>(kindFields);
  if (row.confidential === true) hidden.add('label');
  // A link names what its label names.
  if (hidden.has('label')) hidden.add('url');
  return hidden;
}

const WITHHELD_KEY = /^confidential-[0-9a-f]{12}$/;

/** A key that stays unique and stable without naming the row. */
export function withheldKey(key: string): string {
  return `confidential-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

type Row = { key: string; label: string; value: number | null; url?: string | null | undefined; count?: number | null | undefined; confidential?: boolean | undefined };

/**
 * A breakdown row as a public output may show it. `blank` is what a dropped url or count becomes:
 * `null` for renderer rows (every field present), `undefined` (left out) for snapshot items.
 */
export function publicRow<R extends Row>(row: R, kindFields: readonly ConfidentialField[], blank: null | undefined): R {
  const hidden = hiddenFields(row, kindFields);
  if (hidden.size === 0) return row;
  const out: R = { ...row };
  // Idempotent: a row already withheld (a stored snapshot read back and written again) keeps its
  // key and label, so the same month serialises to the same bytes on every run.
  const withheld = row.confidential === true && WITHHELD_KEY.test(row.key);
  if (hidden.has('label') && !withheld) Object.assign(out, { key: withheldKey(row.key), label: CONFIDENTIAL_LABEL, confidential: true });
  if (hidden.has('value')) out.value = null;
  for (const field of ['url', 'count'] as const) {
    if (!hidden.has(field)) continue;
    if (blank === null) Object.assign(out, { [field]: null });
    else delete out[field];
  }
  return out;
}
