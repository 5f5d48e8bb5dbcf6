// Turns one period's collected outcomes into a snapshot (pure): the value, how it was measured
// (source, query, definition hash), when, and the target the goals file sets now. Health is added
// later by evaluate(); a snapshot is written only after it has been judged.
import type { Goals, GoalsMetric } from '../goals/goals.ts';
import { formatMonth, type MonthRef } from '../periods/periods.ts';
import type { MetricOutcome } from '../sources/types.ts';
import { definitionHash } from './definition.ts';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot, type SnapshotMetric } from './snapshot.ts';

export interface BuildSnapshotInput {
  goals: Goals;
  period: MonthRef;
  /** metric id → what collection returned. Metrics of the goals file absent here are taken from `previous`. */
  outcomes: ReadonlyMap<string, MetricOutcome>;
  generatedAt: Date;
  /** e.g. "community-pulse 0.1.0" */
  generator: string;
  /**
   * The period's snapshot from history, when only some metrics were re-collected (backfill of a
   * changed definition): metrics not in `outcomes` keep their previous entry unchanged.
   */
  previous?: Snapshot | undefined;
}

function metricEntry(goals: Goals, metric: GoalsMetric, outcome: MetricOutcome, collectedAt: string): SnapshotMetric {
  const config = goals.sources[metric.source];
  const entry: SnapshotMetric = {
    name: metric.name,
    value: outcome.status === 'unavailable' ? null : outcome.value,
    status: outcome.status,
    source: { name: metric.source, type: config?.type ?? 'unknown' },
    query: { ...metric.query },
    definition_hash: definitionHash(goals, metric),
    collected_at: collectedAt,
  };
  if (outcome.reason !== undefined) entry.reason = outcome.reason;
  if (outcome.note !== undefined) entry.note = outcome.note;
  const unit = outcome.unit ?? metric.unit;
  if (unit !== undefined) entry.unit = unit;
  if (metric.target !== undefined) entry.target = metric.target;
  if (outcome.contributors !== undefined) entry.contributors = outcome.contributors.map((c) => ({ ...c }));
  if (outcome.breakdown !== undefined) entry.breakdown = { kind: outcome.breakdown.kind, items: outcome.breakdown.items.map((i) => ({ ...i })) };
  if (outcome.estimate === true) entry.estimate = true;
  if (outcome.periodTotal !== undefined) entry.period_total = { ...outcome.periodTotal };
  if (outcome.noValue === true) entry.no_value = true;
  return entry;
}

/**
 * A month collected again (`--refresh`, a changed target) whose source cannot answer now keeps the
 * value on record when the same definition measured it: an outage, or a source that keeps no
 * history (Discord), must not erase a measurement. The kept entry keeps its collected_at.
 */
function keepsRecordedValue(outcome: MetricOutcome, kept: SnapshotMetric | undefined, hash: string): kept is SnapshotMetric {
  return outcome.status === 'unavailable' && kept !== undefined && kept.status !== 'unavailable' && kept.definition_hash === hash;
}

/** One snapshot for `period`, metrics in the goals file's order. */
export function buildSnapshot({ goals, period, outcomes, generatedAt, generator, previous }: BuildSnapshotInput): Snapshot {
  const collectedAt = generatedAt.toISOString();
  const metrics: Record<string, SnapshotMetric> = {};
  for (const metric of goals.metrics) {
    const outcome = outcomes.get(metric.id);
    const kept = previous?.metrics[metric.id];
    if (outcome && keepsRecordedValue(outcome, kept, definitionHash(goals, metric))) metrics[metric.id] = kept;
    else if (outcome) metrics[metric.id] = metricEntry(goals, metric, outcome, collectedAt);
    else if (kept) metrics[metric.id] = kept;
    else metrics[metric.id] = metricEntry(goals, metric, { value: null, status: 'unavailable', reason: 'not collected in this run' }, collectedAt);
  }
  return {
    schema_version: SNAPSHOT_SCHEMA_VERSION,
    period: formatMonth(period),
    timezone: goals.report.timezone,
    generated_at: collectedAt,
    generator,
    metrics,
  };
}
