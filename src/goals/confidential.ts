// Indicators built on confidential data (customer names, ARR: the organisation kinds) are internal
// unless the goals file explicitly says `public: true`: never on the public page or in the PI data
// by default. The one place that decides it, and the words `check` shows for it.
import { kindFor } from '../sources/index.ts';
import type { Goals } from './goals.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when this raw metric (before defaults) uses a confidential kind and does not say `public:` itself. */
export function internalByDefault(rawMetric: unknown, sourceType: string, kind: string): boolean {
  return kindFor(sourceType, kind)?.internal !== undefined && !(isRecord(rawMetric) && 'public' in rawMetric);
}

/** One line per metric on a confidential kind: why it is internal, or that it was made public on purpose. */
export function confidentialNotes(goals: Goals): string[] {
  return goals.metrics.flatMap((m, index) => {
    const type = goals.sources[m.source]?.type;
    const why = type === undefined ? undefined : kindFor(type, m.query.kind)?.internal;
    if (why === undefined) return [];
    return m.public
      ? [`metrics[${index}] (${m.id}) is public because the goals file says public: true, although ${why}: its value and breakdown by organisation go on the public page and in the PI data.`]
      : [`metrics[${index}] (${m.id}) is internal (email only, not on the page or in the PI data): ${why}. Set public: true on it to publish it.`];
  });
}
