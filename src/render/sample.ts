// A small report with every field filled, used by `check` to try a team's override templates
// before any real month is rendered: Handlebars' strict mode then names a misspelt field with its
// line and column at check time instead of failing the monthly job.
import type { ReportModel } from '../evaluate/model.ts';

const months = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

export function sampleReport(): ReportModel {
  const series = months.map((period, i) => ({ period, value: i === 2 ? null : 150 + i * 3, status: i === 2 ? ('unavailable' as const) : ('ok' as const), comparable: true, break: false, target: 170 }));
  const contributor = { username: 'sample', name: 'Sample Person', count: 3, web_url: 'https://gitlab.com/sample' };
  const metric = {
    id: 'sample-kpi',
    name: 'Sample indicator',
    definition: 'What the sample counts.',
    is_key: true,
    public: true,
    dri: '@sample',
    urls: ['https://example.com/dashboard'],
    unit: 'people',
    value: 186,
    status: 'ok' as const,
    note: 'a note',
    target: { kind: 'monthly' as const, direction: 'higher' as const, tolerance: 0.1, words: 'At least 170 people per month', month_target: 170, total_period: null, total_target: null },
    health: { level: 3 as const, label: 'Okay' as const, reasons: ['186 vs target 170 (+9%)'] },
    deltas: { previous_month: { base_period: '2026-09', base_value: 183, change: 3, percent: 1.6 }, same_month_last_year: null, trend_3m: null },
    forecast: {
      period: 'FY27-Q3',
      last_month: '2026-10',
      months_elapsed: 3,
      months_total: 3,
      actual_to_date: 540,
      expected_to_date: 510,
      monthly_rate: 180,
      forecast: 540,
      target: 510,
      gap: 30,
      missing_months: [],
      unavailable_months: [],
      aggregation: 'sum' as const,
    },
    series,
    definition_changed_in: null,
    source: { name: 'gitlab', type: 'gitlab', query: { kind: 'merged_mr_authors', group: 'sample' } },
    first_time_contributors: [contributor],
    top_contributors: [contributor],
    estimate: false,
    breakdown: null,
    releases: [],
  };
  const other = { ...metric, id: 'sample-pi', is_key: false, public: false, health: { level: 1 as const, label: 'Problem' as const, reasons: ['below target'] } };
  const counts = { okay: 1, attention: 0, problem: 1, unknown: 0 };
  return {
    title: 'Sample report',
    org: 'Sample org',
    base_path: '/handbook/sample/',
    timezone: 'UTC',
    period: { label: '2026-10', name: 'October 2026', fiscal_quarter: 'FY27-Q3', fiscal_year: 'FY27' },
    generated_at: '2026-11-02T06:00:00.000Z',
    metrics: [metric, other],
    summary: { counts, kpi_counts: { okay: 1, attention: 0, problem: 0, unknown: 0 }, rows: [] },
  };
}
