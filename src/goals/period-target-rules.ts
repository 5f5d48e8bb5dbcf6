// Quarterly and yearly targets judge a total of the fiscal period. A kind whose months cannot be
// added (a median, a percentage, distinct people with no whole-period figure) has no such total:
// a target on it would be judged against a number finance could not reproduce, so `check` refuses
// it where it is written, and says why and what to write instead.
import { kindFor } from '../sources/index.ts';
import type { GoalsIssue } from './issues.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PERIOD_TARGETS = ['quarterly', 'yearly'] as const;

/** One issue per metric whose quarterly or yearly target sits on a kind without a period total. */
export function periodTargetIssues(raw: Record<string, unknown>): GoalsIssue[] {
  const issues: GoalsIssue[] = [];
  if (!Array.isArray(raw.metrics) || !isRecord(raw.sources)) return issues;
  raw.metrics.forEach((metric: unknown, index) => {
    if (!isRecord(metric) || !isRecord(metric.target) || !isRecord(metric.query) || typeof metric.source !== 'string') return;
    const entry = Object.hasOwn(raw.sources as object, metric.source) ? (raw.sources as Record<string, unknown>)[metric.source] : undefined;
    if (!isRecord(entry) || typeof entry.type !== 'string' || typeof metric.query.kind !== 'string') return;
    // An unknown type or kind is reported by the rules that check those.
    const kind = kindFor(entry.type, metric.query.kind);
    if (kind?.aggregation !== 'none') return;
    const target = metric.target;
    for (const period of PERIOD_TARGETS) {
      if (target[period] === undefined) continue;
      issues.push({
        path: ['metrics', index, 'target', period],
        message: `a ${period} target needs a ${period === 'quarterly' ? 'quarter' : 'year'}'s total, and ${kind.kind} has none: ${kind.why ?? 'its months cannot be added'}; set a monthly target (or a ramp) instead`,
      });
    }
  });
  return issues;
}
