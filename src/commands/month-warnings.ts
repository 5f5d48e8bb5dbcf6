// `check` looks ahead at the month `run` reports by default (the one that just ended): a hand-typed
// metric with no value for it, or a metric with no target for it, would show as unavailable or
// Unknown in the report. Warnings, not errors: the file is valid, and the value may be typed in a
// later merge request before the report runs. Pure: no I/O.
import { monthTarget, totalPeriod } from '../evaluate/targets.ts';
import type { Goals } from '../goals/goals.ts';
import type { IssuePath } from '../goals/issues.ts';
import { fiscalQuarterOf, formatMonth, type MonthRef } from '../periods/periods.ts';

export interface MonthWarning {
  path: IssuePath;
  message: string;
}

export function monthWarnings(goals: Goals, month: MonthRef): MonthWarning[] {
  const label = formatMonth(month);
  const fy = goals.report.fiscal_year_start;
  const warnings: MonthWarning[] = [];
  goals.metrics.forEach((metric, index) => {
    if (goals.sources[metric.source]?.type === 'manual') {
      const values = metric.query.values;
      if (typeof values !== 'object' || values === null || !Object.hasOwn(values, label)) {
        warnings.push({ path: ['metrics', index, 'query', 'values'], message: `has no value for ${label}, the month the next report covers: add "${label}": <number> here before the report runs, or it shows as unavailable` });
      }
    }
    if (!metric.target) {
      warnings.push({ path: ['metrics', index, 'id'], message: `${metric.id} has no target: its health for ${label} will be Unknown (add target: to judge it)` });
    } else if (monthTarget(metric.target, month, fy) === null && totalPeriod(metric.target, month, fy) === null) {
      const quarter = fiscalQuarterOf(month, fy).label;
      warnings.push({ path: ['metrics', index, 'target', 'ramp'], message: `sets no target for ${quarter}, the quarter of ${label} (the month the next report covers): add ${quarter}: <number> or its health will be Unknown` });
    }
  });
  return warnings;
}
