// The `data_explorer` kind: a saved Data Explorer query run for one calendar month, whose first
// row holds the number. Exact where the admin reports can only estimate (monthly active users).
import { PulseError } from '../../errors.ts';
import type { Period } from '../../goals/periods.ts';
import type { MetricOutcome } from '../types.ts';
import { periodDates } from '../web-analytics-query.ts';
import type { DiscourseApi } from './api.ts';
import type { DiscourseQuery } from './schema.ts';

type DataExplorerQuery = Extract<DiscourseQuery, { kind: 'data_explorer' }>;

export async function runDataExplorer(api: DiscourseApi, query: DataExplorerQuery, period: Period): Promise<MetricOutcome> {
  if (!api.hasAdminKey) {
    throw new PulseError(
      'EENV',
      'the Discourse query "data_explorer" runs a saved Data Explorer query, and this source has no api_key_env',
      'Set api_key_env on the source to the name of a masked CI/CD variable holding an admin API key (or a granular key with the "run queries" scope).',
    );
  }
  const { startDate, endDate } = periodDates(period);
  const result = await api.runQuery(query.query_id, { [query.start_param]: startDate, [query.end_param]: endDate });
  const at = query.column === undefined ? 0 : result.columns.indexOf(query.column);
  if (at < 0 || result.columns.length === 0) {
    throw new PulseError(
      'EQUERY',
      `Data Explorer query ${query.query_id} has no column "${query.column ?? '(first)'}" (columns: ${result.columns.join(', ') || 'none'})`,
      'Set `column` in goals.yml to one of the columns the query selects, or leave it out to read the first.',
    );
  }
  const first = result.rows[0];
  if (!first) {
    throw new PulseError('EQUERY', `Data Explorer query ${query.query_id} returned no rows for ${period.label}`, 'The query must return one row (e.g. SELECT COUNT(...)); see the SQL in src/sources/discourse/README.md.');
  }
  const cell = first[at];
  const value = typeof cell === 'number' ? cell : typeof cell === 'string' && /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) {
    throw new PulseError('EBADRESPONSE', `Data Explorer query ${query.query_id} returned ${JSON.stringify(cell)} in column "${result.columns[at] ?? ''}", not a count`, 'The column must hold a non-negative number (e.g. COUNT(DISTINCT user_id)).');
  }
  return { value, status: 'ok' };
}
