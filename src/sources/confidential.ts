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
