// What a goals change does to the report, found by comparing the last stored snapshot (what was
// measured and judged then, with the goals of then) with the same month judged by the new goals.
// Pure: no I/O. The snapshot is the baseline rather than the target branch's goals file because
// it is what readers last saw, and it needs no git history in the job.
import type { HealthLabel, HealthLevel, ReportModel } from '../evaluate/model.ts';
import { healthLabel } from '../evaluate/labels.ts';
import { targetWords } from '../evaluate/targets.ts';
import type { Goals } from '../goals/goals.ts';
import { parseMonth } from '../periods/periods.ts';
import { canonicalJson } from '../history/canonical.ts';
import { definitionHash } from '../history/definition.ts';
import type { Snapshot } from '../history/snapshot.ts';

export interface MetricRef {
  id: string;
  name: string;
}

export interface TargetChange extends MetricRef {
  before: string;
  after: string;
}

export interface HealthView {
  level: HealthLevel;
  label: HealthLabel;
}

export interface HealthChange extends MetricRef {
  before: HealthView;
  after: HealthView;
  /** The first reason of the new judgement. */
  reason: string;
}

export interface GoalsDiff {
  /** "2026-10": the stored month both sides are judged on. */
  period: string;
  /** In the goals, not in the snapshot: first collected by the next report. */
  added: MetricRef[];
  /** In the snapshot, no longer in the goals: the next report leaves them out. */
  removed: MetricRef[];
  targets: TargetChange[];
  /** The query or its source's meaning changed: the next value starts a new series. */
  definitions: MetricRef[];
  health: HealthChange[];
  /** Metric names that changed (id kept). */
  renamed: Array<MetricRef & { before: string }>;
}

export function isEmptyDiff(diff: GoalsDiff): boolean {
  return [diff.added, diff.removed, diff.targets, diff.definitions, diff.health, diff.renamed].every((list) => list.length === 0);
}

function view(level: HealthLevel): HealthView {
  return { level, label: healthLabel(level) };
}

/**
 * `stored` is the month's snapshot as published; `report` is that month evaluated with `goals`.
 * Metrics are listed in the goals file's order, removed ones in the snapshot's order.
 */
export function goalsDiff(goals: Goals, stored: Snapshot, report: ReportModel): GoalsDiff {
  const month = parseMonth(stored.period);
  if (!month) throw new Error(`snapshot period ${stored.period} is not YYYY-MM`);
  const fy = goals.report.fiscal_year_start;
  const byId = new Map(report.metrics.map((m) => [m.id, m]));
  const ids = new Set(goals.metrics.map((m) => m.id));
  const diff: GoalsDiff = { period: stored.period, added: [], removed: [], targets: [], definitions: [], health: [], renamed: [] };

  for (const metric of goals.metrics) {
    const old = stored.metrics[metric.id];
    const ref = { id: metric.id, name: metric.name };
    if (!old) {
      diff.added.push(ref);
      continue;
    }
    if (old.name !== metric.name) diff.renamed.push({ ...ref, before: old.name });
    if (canonicalJson(old.target ?? null) !== canonicalJson(metric.target ?? null)) {
      const unit = old.unit ?? metric.unit;
      diff.targets.push({ ...ref, before: targetWords(old.target, month, fy, unit), after: targetWords(metric.target, month, fy, unit) });
    }
    if (old.definition_hash !== definitionHash(goals, metric)) diff.definitions.push(ref);
    const now = byId.get(metric.id);
    const before = old.health?.level;
    if (now && before !== undefined && before !== now.health.level) {
      diff.health.push({ ...ref, before: view(before), after: view(now.health.level), reason: now.health.reasons[0] ?? '' });
    }
  }
  for (const [id, old] of Object.entries(stored.metrics)) {
    if (!ids.has(id)) diff.removed.push({ id, name: old.name });
  }
  return diff;
}
