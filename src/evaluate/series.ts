// One metric's months, from history plus this month's snapshot: values, whether each was measured
// with today's definition (same definition_hash), and where the definition changed.
import { addMonths, formatMonth, monthRange, type MonthRef } from '../periods/periods.ts';
import type { Snapshot, SnapshotMetric } from '../history/snapshot.ts';
import type { PointStatus, SeriesPoint } from './model.ts';

export const SERIES_MONTHS = 13;

export class MetricMonths {
  readonly id: string;
  readonly period: MonthRef;
  readonly current: SnapshotMetric | undefined;
  readonly #history: ReadonlyMap<string, Snapshot>;

  constructor(id: string, period: MonthRef, current: SnapshotMetric | undefined, history: ReadonlyMap<string, Snapshot>) {
    this.id = id;
    this.period = period;
    this.current = current;
    this.#history = history;
  }

  /** The stored entry of `month` (this month's comes from the new snapshot, not history). */
  entry(month: MonthRef): SnapshotMetric | undefined {
    const label = formatMonth(month);
    if (label === formatMonth(this.period)) return this.current;
    return this.#history.get(label)?.metrics[this.id];
  }

  status(month: MonthRef): PointStatus {
    const e = this.entry(month);
    if (!e) return 'missing';
    return e.status === 'unavailable' || e.value === null ? 'unavailable' : e.status;
  }

  comparable(month: MonthRef): boolean {
    const e = this.entry(month);
    return e !== undefined && this.current !== undefined && e.definition_hash === this.current.definition_hash;
  }

  /** The month's value when it exists and was measured with today's definition; else null. */
  value(month: MonthRef): number | null {
    const e = this.entry(month);
    if (!e || e.status === 'unavailable' || e.value === null || !this.comparable(month)) return null;
    return e.value;
  }

  /** The month's value whatever definition measured it (totals add them up); else null. */
  anyValue(month: MonthRef): number | null {
    const e = this.entry(month);
    return !e || e.status === 'unavailable' ? null : e.value;
  }

  /** The last SERIES_MONTHS months, oldest first; `target` gives each month's target line. */
  series(target: (month: MonthRef) => number | null): SeriesPoint[] {
    const months = monthRange(addMonths(this.period, -(SERIES_MONTHS - 1)), this.period);
    let previousHash: string | undefined;
    return months.map((month) => {
      const e = this.entry(month);
      const isBreak = e !== undefined && previousHash !== undefined && e.definition_hash !== previousHash;
      if (e) previousHash = e.definition_hash;
      const status = this.status(month);
      return {
        period: formatMonth(month),
        value: e && status !== 'unavailable' ? e.value : null,
        status,
        comparable: this.comparable(month),
        break: isBreak,
        target: target(month),
      };
    });
  }
}

/** The first month of today's definition when it changed within the series; else null. */
export function definitionChangedIn(series: readonly SeriesPoint[]): string | null {
  return series.findLast((p) => p.break)?.period ?? null;
}
