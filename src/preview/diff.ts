// What a goals change does to the report, found by comparing the last stored snapshot (what was
// measured and judged then, with the goals of then) with the same month judged by the new goals.
// Pure: no I/O. The snapshot is the baseline rather than the target branch's goals file because
// it is what readers last saw, and it needs no git history in the job. When the old goals file is
// known (the target branch, in a merge-request pipeline), 'before' is judged with it instead, so
// the columns differ only by what the goals change does (not by history that changed since).
import type { HealthLabel, HealthLevel, ReportModel } from '../evaluate/model.ts';
import { healthLabel } from '../evaluate/labels.ts';
import { targetWords } from '../evaluate/targets.ts';
import type { Goals, GoalsMetric } from '../goals/goals.ts';
import { addMonths, formatMonth, parseMonth } from '../periods/periods.ts';
import { canonicalJson } from '../history/canonical.ts';
import { definitionHash, definitionOf } from '../history/definition.ts';
import type { Snapshot, SnapshotMetric } from '../history/snapshot.ts';
import { sourceFor } from '../sources/index.ts';
import { commentaryFor } from '../goals/commentary.ts';
import { type FieldChange, fieldChanges } from './fields.ts';

export type { FieldChange } from './fields.ts';

export interface MetricRef {
  id: string;
  name: string;
}

export interface TargetChange extends MetricRef {
  before: string;
  after: string;
  /** Every target field that changed, old → new (a tolerance change has the same words). */
  fields: FieldChange[];
}

export interface DefinitionChange extends MetricRef {
  /** Every field of the definition that changed, old → new (query fields, source settings). */
  fields: FieldChange[];
}

export interface HealthView {
  level: HealthLevel;
  label: HealthLabel;
}

export interface HealthChange extends MetricRef {
  before: HealthView;
  after: HealthView;
  /** Every reason of the new judgement, most important first. */
  reasons: string[];
}

/** A metric typed in by hand (manual source): its value for the previewed month and the next one. */
export interface ManualValue extends MetricRef {
  /** The previewed month's value in the published report. */
  stored: number | null;
  /** The previewed month's value in this goals file (what the preview judged). */
  typed: number | null;
  /** "2026-11": the month the next report collects. */
  next_period: string;
  /** Its value in this goals file; null when not typed in yet. */
  next: number | null;
}

/** The team's note on a metric for the previewed month or the next one, as this goals file has it. */
export interface CommentaryView extends MetricRef {
  /** "2026-10" or "2026-11" */
  period: string;
  text: string;
  /** The old goals file's note for that month (null: none); undefined when the old goals are unknown. */
  before?: string | null;
}

export interface GoalsDiff {
  /** "2026-10": the stored month both sides are judged on. */
  period: string;
  /** 'old goals': before is judged with the previous goals file; 'stored report': as published. */
  before_from: 'old goals' | 'stored report';
  /** In the goals, not in the snapshot: first collected by the next report. */
  added: MetricRef[];
  /** In the snapshot, no longer in the goals: the next report leaves them out. */
  removed: MetricRef[];
  targets: TargetChange[];
  /** The query or its source's meaning changed: the next value starts a new series. */
  definitions: DefinitionChange[];
  health: HealthChange[];
  /** Metric names that changed (id kept). */
  renamed: Array<MetricRef & { before: string }>;
  /** Every hand-typed metric, with its values (listed whether or not they changed). */
  manual: ManualValue[];
  /** Every team note for the previewed month and the next one: reviewed here, shown on the page and in the email. */
  commentary: CommentaryView[];
}

export function isEmptyDiff(diff: GoalsDiff): boolean {
  const manualChanged = diff.manual.some((m) => m.stored !== m.typed);
  const noteChanged = diff.commentary.some((c) => c.before !== undefined && c.before !== c.text);
  return !manualChanged && !noteChanged && [diff.added, diff.removed, diff.targets, diff.definitions, diff.health, diff.renamed].every((list) => list.length === 0);
}

function view(level: HealthLevel): HealthView {
  return { level, label: healthLabel(level) };
}

/** The value a manual metric has for `label` in a goals file; null when not typed in (or not manual). */
export function typedValue(goals: Goals, metric: GoalsMetric, label: string): number | null {
  if (goals.sources[metric.source]?.type !== 'manual') return null;
  const values = metric.query.values;
  if (typeof values !== 'object' || values === null || !Object.hasOwn(values, label)) return null;
  const value = (values as Record<string, unknown>)[label];
  return typeof value === 'number' ? value : null;
}

/** What the snapshot says the metric measured: its source type and query without data fields. */
function storedDefinition(old: SnapshotMetric): unknown {
  const data = new Set(sourceFor(old.source.type)?.kindDescriptors.get(String(old.query.kind))?.dataFields ?? []);
  return { source: { type: old.source.type }, query: Object.fromEntries(Object.entries(old.query).filter(([key]) => !data.has(key))) };
}

function definitionFields(goals: Goals, metric: GoalsMetric, old: SnapshotMetric, before: Goals | undefined): FieldChange[] {
  const now = { source_name: metric.source, ...(definitionOf(goals.sources[metric.source], metric.query) as object) };
  const previous = before?.metrics.find((m) => m.id === metric.id);
  if (previous && definitionHash(before as Goals, previous) !== definitionHash(goals, metric)) {
    return fieldChanges({ source_name: previous.source, ...(definitionOf(before?.sources[previous.source], previous.query) as object) }, now);
  }
  // Without the old goals file the snapshot tells the source type and the query, not the source's settings.
  const fields = fieldChanges({ source_name: old.source.name, ...(storedDefinition(old) as object) }, { ...now, source: { type: goals.sources[metric.source]?.type } });
  return fields.length ? fields : [{ field: `sources.${metric.source}`, before: '(a setting the stored report does not record)', after: canonicalJson(definitionOf(goals.sources[metric.source], metric.query)) }];
}

export interface GoalsDiffInput {
  goals: Goals;
  stored: Snapshot;
  /** The month judged with `goals`. */
  report: ReportModel;
  /** The previous goals file and the month judged with it, when known. */
  before?: { goals: Goals; report: ReportModel } | undefined;
}

/** Metrics are listed in the goals file's order, removed ones in the snapshot's order. */
export function goalsDiff({ goals, stored, report, before }: GoalsDiffInput): GoalsDiff {
  const month = parseMonth(stored.period);
  if (!month) throw new Error(`snapshot period ${stored.period} is not YYYY-MM`);
  // The old target's words use the old fiscal year: a new fiscal_year_start must not rewrite 'before'.
  const fyAfter = goals.report.fiscal_year_start;
  const fyBefore = before?.goals.report.fiscal_year_start ?? fyAfter;
  const byId = new Map(report.metrics.map((m) => [m.id, m]));
  const beforeById = new Map(before?.report.metrics.map((m) => [m.id, m]) ?? []);
  const ids = new Set(goals.metrics.map((m) => m.id));
  const next = formatMonth(addMonths(month, 1));
  const diff: GoalsDiff = { period: stored.period, before_from: before ? 'old goals' : 'stored report', added: [], removed: [], targets: [], definitions: [], health: [], renamed: [], manual: [], commentary: [] };

  for (const metric of goals.metrics) {
    const old = stored.metrics[metric.id];
    const ref = { id: metric.id, name: metric.name };
    if (goals.sources[metric.source]?.type === 'manual') {
      diff.manual.push({ ...ref, stored: old?.value ?? null, typed: typedValue(goals, metric, stored.period), next_period: next, next: typedValue(goals, metric, next) });
    }
    for (const period of [stored.period, next]) {
      const text = commentaryFor(metric.commentary, period);
      if (text === null) continue;
      const previous = before?.goals.metrics.find((m) => m.id === metric.id);
      diff.commentary.push({ ...ref, period, text, ...(before ? { before: commentaryFor(previous?.commentary, period) } : {}) });
    }
    if (!old) {
      diff.added.push(ref);
      continue;
    }
    if (old.name !== metric.name) diff.renamed.push({ ...ref, before: old.name });
    const previous = before?.goals.metrics.find((m) => m.id === metric.id);
    const oldTarget = previous ? previous.target : old.target;
    const targetFields = fieldChanges(oldTarget ?? null, metric.target ?? null);
    const unit = old.unit ?? metric.unit;
    const words = { before: targetWords(oldTarget, month, fyBefore, unit), after: targetWords(metric.target, month, fyAfter, unit) };
    // Same target, other words: the fiscal year moved under it; say so rather than show no field.
    if (words.before !== words.after && fyBefore !== fyAfter) targetFields.push({ field: 'report.fiscal_year_start', before: String(fyBefore), after: String(fyAfter) });
    if (targetFields.length || words.before !== words.after) diff.targets.push({ ...ref, ...words, fields: targetFields });
    if (old.definition_hash !== definitionHash(goals, metric)) diff.definitions.push({ ...ref, fields: definitionFields(goals, metric, old, before?.goals) });
    const now = byId.get(metric.id);
    const then = before ? beforeById.get(metric.id)?.health.level : old.health?.level;
    if (now && then !== undefined && then !== now.health.level) {
      diff.health.push({ ...ref, before: view(then), after: view(now.health.level), reasons: [...now.health.reasons] });
    }
  }
  for (const [id, old] of Object.entries(stored.metrics)) {
    if (!ids.has(id)) diff.removed.push({ id, name: old.name });
  }
  return diff;
}
