// Range requests for backfills: when a run asks a source for many months of the same question,
// sources whose API answers a date range split by month (GA4 yearMonth, Plausible time:month,
// YouTube Analytics month, Discourse's daily admin reports) ask ONCE for the whole run of
// consecutive months and split the answer; a single month, or a range request that failed for a
// reason a smaller request may not share (a report timing out on two years of data, a server
// error), falls back to one request per month.
import type { Period } from '../periods/periods.ts';

/** Consecutive months (by label) in runs of at most `maxMonths`, oldest first, without duplicates. */
export function consecutiveRuns(periods: readonly Period[], maxMonths: number): Period[][] {
  const byLabel = new Map(periods.map((p) => [p.label, p]));
  const sorted = [...byLabel.values()].sort((a, b) => a.year * 12 + a.month - (b.year * 12 + b.month));
  const runs: Period[][] = [];
  let run: Period[] = [];
  for (const p of sorted) {
    const last = run.at(-1);
    const next = last !== undefined && p.year * 12 + p.month === last.year * 12 + last.month + 1;
    if (!next || run.length >= maxMonths) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The two inclusive local dates of a run of months: first day of the first, last day of the last. */
export function rangeDates(run: readonly Period[]): { startDate: string; endDate: string } {
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last) throw new Error('rangeDates needs at least one month');
  const lastDay = new Date(Date.UTC(last.year, last.month, 0)).getUTCDate();
  return { startDate: `${first.label}-01`, endDate: `${last.label}-${String(lastDay).padStart(2, '0')}` };
}

/** Errors a per-month request would hit just the same: do not multiply them by the months. */
export function isFinal(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return code === 'EAUTH' || code === 'EENV' || code === 'ENOTFOUND' || code === 'EGOALSINVALID';
}

export interface MonthlyRangeOptions<T> {
  /** One request for a run of consecutive months; answers by period label (a month left out → `empty`). */
  fetchRange(run: readonly Period[]): Promise<ReadonlyMap<string, T>>;
  /** One request for one month: the fallback, and what a single-month run uses. */
  fetchMonth(period: Period): Promise<T>;
  /** The value of a month the range answer did not mention (APIs omit empty buckets). */
  empty: T;
  /** Most months one range request may cover (GA4 and YouTube have no limit; keep answers small). */
  maxMonths?: number;
  /**
   * Keep a month asked for alone, so later metrics with the same question share it (YouTube: one
   * request answers both kinds). Off: every collect() of a month not prefetched asks again.
   */
  cacheMonths?: boolean;
  /** Told when a range request failed and its months are asked one by one. */
  onFallback?(run: readonly Period[], error: unknown): void;
}

/**
 * Per-month answers of one API question, shared by every metric that asks it. `prefetch` plans
 * the range requests; `month` returns the period's answer from them, or asks for that month alone.
 */
export class MonthlyRange<T> {
  readonly #options: MonthlyRangeOptions<T>;
  readonly #months = new Map<string, Promise<T>>();

  constructor(options: MonthlyRangeOptions<T>) {
    this.#options = options;
  }

  prefetch(periods: readonly Period[]): void {
    const missing = periods.filter((p) => !this.#months.has(p.label));
    for (const run of consecutiveRuns(missing, this.#options.maxMonths ?? 36)) {
      if (run.length < 2) continue;
      const answer = this.#options.fetchRange(run);
      // Unhandled-rejection guard: every month below handles it.
      answer.catch(() => undefined);
      for (const period of run) {
        this.#months.set(
          period.label,
          answer.then(
            (byMonth) => byMonth.get(period.label) ?? this.#options.empty,
            (error: unknown) => {
              if (isFinal(error)) throw error;
              if (period === run[0]) this.#options.onFallback?.(run, error);
              return this.#options.fetchMonth(period);
            },
          ),
        );
      }
    }
  }

  month(period: Period): Promise<T> {
    const planned = this.#months.get(period.label);
    if (planned) return planned;
    const answer = this.#options.fetchMonth(period);
    if (this.#options.cacheMonths) this.#months.set(period.label, answer);
    return answer;
  }
}
