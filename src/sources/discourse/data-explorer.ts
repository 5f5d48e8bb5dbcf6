// The `data_explorer` kind: a saved Data Explorer query run with a month's first and last day,
// reading one number. Exact where the admin reports can only estimate (monthly active users).
//
// A query that also selects a `month` column (YYYY-MM, one row per month — the SQL in docs/sources/discourse.md)
// answers a whole backfill in one run: the range's first and last day go in, the rows are split
// by month, and a month without a row is 0. A query without that column is run month by month.
import { PulseError } from '../../errors.ts';
import { discourseKeyUnset } from '../../errors/env.ts';
import type { Period } from '../../periods/periods.ts';
import { MonthlyRange, rangeDates } from '../range.ts';
import type { MetricOutcome, SourceContext } from '../types.ts';
import type { DiscourseApi } from './api.ts';
import type { DiscourseQuery } from './config.ts';
import type { ExplorerResult } from './responses.ts';

type DataExplorerQuery = Extract<DiscourseQuery, { kind: 'data_explorer' }>;

const MONTH_COLUMN = 'month';

function needKey(api: DiscourseApi): void {
  if (!api.hasAdminKey) {
    throw discourseKeyUnset({ kind: 'data_explorer', needs: 'runs a saved Data Explorer query', scope: 'or a granular key with the "run queries" scope' });
  }
}

function valueColumn(query: DataExplorerQuery, result: ExplorerResult): number {
  const at = query.column === undefined ? result.columns.findIndex((c) => c !== MONTH_COLUMN) : result.columns.indexOf(query.column);
  if (at < 0) {
    throw new PulseError(
      'EQUERY',
      `Data Explorer query ${query.query_id} has no column "${query.column ?? '(first)'}" (columns: ${result.columns.join(', ') || 'none'})`,
      'Set `column` in goals.yml to one of the columns the query selects, or leave it out to read the first.',
    );
  }
  return at;
}

function numberIn(query: DataExplorerQuery, result: ExplorerResult, cell: unknown, at: number): number {
  const value = typeof cell === 'number' ? cell : typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) {
    throw new PulseError('EBADRESPONSE', `Data Explorer query ${query.query_id} returned ${JSON.stringify(cell)} in column "${result.columns[at] ?? ''}", not a count`, 'The column must hold a non-negative number (e.g. COUNT(DISTINCT user_id)).');
  }
  return value;
}

/** Thrown when a range answer cannot be split (no month column): the months are then asked one by one. */
class NotSplittable extends Error {}

async function run(api: DiscourseApi, query: DataExplorerQuery, periods: readonly Period[]): Promise<Map<string, number>> {
  needKey(api);
  const { startDate, endDate } = rangeDates(periods);
  const result = await api.runQuery(query.query_id, { [query.start_param]: startDate, [query.end_param]: endDate });
  const at = valueColumn(query, result);
  const monthAt = result.columns.indexOf(MONTH_COLUMN);
  const byMonth = new Map<string, number>();
  if (monthAt >= 0) {
    for (const row of result.rows) {
      const month = String(row[monthAt] ?? '').slice(0, 7);
      byMonth.set(month, (byMonth.get(month) ?? 0) + numberIn(query, result, row[at], at));
    }
    for (const p of periods) if (!byMonth.has(p.label)) byMonth.set(p.label, 0);
    return byMonth;
  }
  if (periods.length > 1) throw new NotSplittable(`query ${query.query_id} has no "${MONTH_COLUMN}" column to split a range by`);
  const first = result.rows[0];
  if (!first) {
    throw new PulseError('EQUERY', `Data Explorer query ${query.query_id} returned no rows for ${periods[0]?.label ?? ''}`, 'The query must return one row (e.g. SELECT COUNT(...)); see the SQL in docs/sources/discourse.md.');
  }
  byMonth.set(periods[0]?.label ?? '', numberIn(query, result, first[at], at));
  return byMonth;
}

/** One MonthlyRange per saved query and its settings, shared by the metrics that ask it. */
export function dataExplorer(api: DiscourseApi, log: SourceContext['log']) {
  const ranges = new Map<string, MonthlyRange<number>>();
  const rangeFor = (query: DataExplorerQuery): MonthlyRange<number> => {
    const key = JSON.stringify(query);
    let range = ranges.get(key);
    if (!range) {
      range = new MonthlyRange<number>({
        fetchRange: (periods) => run(api, query, periods),
        fetchMonth: async (period) => (await run(api, query, [period])).get(period.label) ?? 0,
        empty: 0,
        onFallback: (periods, error) => log.info(`Data Explorer query ${query.query_id} for ${periods.length} months in one run: ${error instanceof Error ? error.message : String(error)}; running it month by month`),
      });
      ranges.set(key, range);
    }
    return range;
  };
  return {
    prefetch(query: DataExplorerQuery, periods: readonly Period[]): void {
      if (api.hasAdminKey) rangeFor(query).prefetch(periods);
    },
    async collect(query: DataExplorerQuery, period: Period): Promise<MetricOutcome> {
      needKey(api);
      return { value: await rangeFor(query).month(period), status: 'ok' };
    },
  };
}
