// limits.settle_hours names sources: a name that is not under `sources:` is a typo that would
// silently leave the source's default in force, so `check` refuses it where it is written.
import type { GoalsIssue } from './issues.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function settleHoursIssues(raw: Record<string, unknown>): GoalsIssue[] {
  if (!isRecord(raw.limits) || !isRecord(raw.limits.settle_hours)) return [];
  const declared = isRecord(raw.sources) ? Object.keys(raw.sources) : [];
  return Object.keys(raw.limits.settle_hours)
    .filter((name) => !declared.includes(name))
    .map((name) => ({ path: ['limits', 'settle_hours', name], message: `no source named "${name}" under sources:${declared.length ? ` (defined: ${declared.join(', ')})` : ' (none defined)'}` }));
}
