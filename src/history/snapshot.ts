// One snapshot per period: the history that lasts. Versioned (schema_version) and self-describing,
// so anyone can re-check a number later: the value, the query and source that produced it, the
// target it was judged by, its health, when it was collected, and per-contributor detail.
import { z } from 'zod';
import { metricAmount, targetSchema } from '../goals/target.ts';
import { BREAKDOWN_KINDS } from '../sources/types.ts';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export const contributorSchema = z.object({
  username: z.string(),
  name: z.string(),
  count: z.number().int().min(0),
  webUrl: z.string(),
  firstTime: z.boolean().optional(),
});

/** A metric's breakdown (MetricOutcome.breakdown): releases, cohorts, statistics or counted items. */
export const breakdownSchema = z.object({
  kind: z.enum(BREAKDOWN_KINDS),
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      value: z.number().nullable(),
      date: z.string().optional(),
      url: z.string().optional(),
      partial: z.boolean().optional(),
      count: z.number().optional(),
      /** Label and link withheld from public outputs (src/sources/confidential.ts). */
      confidential: z.boolean().optional(),
    }),
  ),
});

export const healthSchema = z.object({
  /** 3 Okay, 2 Attention, 1 Problem, 0 Unknown (no data or no target). */
  level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  reasons: z.array(z.string()),
});
export type Health = z.infer<typeof healthSchema>;

export const snapshotMetricSchema = z.object({
  name: z.string(),
  // Validated like a target: a hand-edited history file with -1e308 must not become a delta.
  value: metricAmount().nullable(),
  status: z.enum(['ok', 'manual', 'unavailable']),
  reason: z.string().optional(),
  note: z.string().optional(),
  unit: z.string().optional(),
  source: z.object({ name: z.string(), type: z.string() }),
  query: z.record(z.string(), z.unknown()),
  /** sha256 of the source type and canonical query: a change marks a break in the series. */
  definition_hash: z.string(),
  collected_at: z.string(),
  /** The target this value was judged by, as the goals file said at the time. */
  target: targetSchema.optional(),
  health: healthSchema.optional(),
  contributors: z.array(contributorSchema).optional(),
  /** Added in place (older snapshots simply lack it): per-release rows, cohorts, statistics, items. */
  breakdown: breakdownSchema.optional(),
  /** True when the value is an estimate (e.g. Discourse MAU from dau_by_mau), not an exact count. */
  estimate: z.boolean().optional(),
  /**
   * Added in place (older snapshots lack it): for kinds counted as distinct over a period with a
   * quarterly or yearly target, the fiscal period's total so far, collected as one range.
   */
  period_total: z.object({ period: z.string(), from: z.string(), to: z.string(), value: metricAmount().nullable(), reason: z.string().optional() }).optional(),
  /**
   * Added in place (older snapshots lack it): the source answered that there is no value (status
   * unavailable, not a failure), so a backfill does not ask again; a failure has no such mark.
   */
  no_value: z.literal(true).optional(),
});
export type SnapshotMetric = z.infer<typeof snapshotMetricSchema>;

export const snapshotSchema = z.object({
  schema_version: z.literal(SNAPSHOT_SCHEMA_VERSION),
  period: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/),
  timezone: z.string(),
  generated_at: z.string(),
  generator: z.string(),
  metrics: z.record(z.string(), snapshotMetricSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
