// Fixed report models for render tests and the benchmark: built by hand (not by evaluate) so every
// case the outputs must show is present and stays put: a KPI on target with contributors, a
// quarterly total with a forecast, lower-is-better, an unavailable month, a gap in history, an
// internal (public: false) metric, a definition change, and a metric without a target.
import type { HealthLevel, MetricReport, ReportModel, SeriesPoint } from '../../src/evaluate/model.ts';
import { healthLabel } from '../../src/evaluate/labels.ts';
import { prng } from '../support/prng.ts';

export const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

function series(values: Array<number | null>, target: number | null | ((i: number) => number | null), breakAt = -1): SeriesPoint[] {
  return MONTHS.map((period, i) => {
    const value = values[i] ?? null;
    return {
      period,
      value,
      status: value === null ? (i % 2 ? 'missing' : 'unavailable') : 'ok',
      comparable: breakAt < 0 || i >= breakAt,
      break: i === breakAt,
      target: typeof target === 'function' ? target(i) : target,
    };
  });
}

function change(values: Array<number | null>) {
  const now = values.at(-1);
  const before = values.at(-2);
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return { base_period: MONTHS[11] ?? '', base_value: before, change: now - before, percent: before === 0 ? null : ((now - before) / before) * 100 };
}

/** October against October a year before (the series' first month), as evaluate computes it. */
function yearChange(values: Array<number | null>) {
  const now = values.at(-1);
  const before = values.length === 13 ? values[0] : null;
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return { base_period: MONTHS[0] ?? '', base_value: before, change: now - before, percent: before === 0 ? null : ((now - before) / before) * 100 };
}

/** The last three months' average against the three before, when all six have values. */
function trend(values: Array<number | null>) {
  const six = values.slice(-6);
  if (six.length < 6 || six.some((v) => v === null)) return null;
  const avg = (xs: Array<number | null>) => xs.reduce<number>((a, b) => a + (b ?? 0), 0) / 3;
  const recent = avg(six.slice(3));
  const prior = avg(six.slice(0, 3));
  const percent = prior === 0 ? null : ((recent - prior) / prior) * 100;
  const flat = percent === null ? recent === prior : Math.abs(percent) < 1;
  return { recent_average: recent, prior_average: prior, change: recent - prior, percent, direction: flat ? ('flat' as const) : recent > prior ? ('up' as const) : ('down' as const) };
}

interface Spec {
  id: string;
  name: string;
  definition?: string;
  is_key?: boolean;
  public?: boolean;
  dri?: string | null;
  unit?: string | null;
  values: Array<number | null>;
  target?: number | null | ((i: number) => number | null);
  words?: string;
  level: HealthLevel;
  reasons: string[];
  direction?: 'higher' | 'lower';
  kind?: MetricReport['target']['kind'];
  forecast?: MetricReport['forecast'];
  breakAt?: number;
  urls?: string[];
  note?: string | null;
  source?: MetricReport['source'];
  first?: MetricReport['first_time_contributors'];
  top?: MetricReport['top_contributors'];
  estimate?: boolean;
  commentary?: string;
  breakdown?: MetricReport['breakdown'];
  releases?: MetricReport['releases'];
}

/** A breakdown row with every field present (defaults for what the spec leaves out). */
export function row(r: Partial<MetricReport['releases'][number]> & Partial<NonNullable<MetricReport['breakdown']>['rows'][number]> & { key: string }): NonNullable<MetricReport['breakdown']>['rows'][number] {
  return { key: r.key, label: r.label ?? r.key, value: r.value ?? null, date: r.date ?? null, url: r.url ?? null, partial: r.partial ?? false, count: r.count ?? null };
}

export function metric(spec: Spec): MetricReport {
  const value = spec.values.at(-1) ?? null;
  const target = spec.target === undefined ? null : spec.target;
  const s = series(spec.values, target, spec.breakAt);
  return {
    id: spec.id,
    name: spec.name,
    definition: spec.definition ?? `How ${spec.name} is counted.`,
    is_key: spec.is_key ?? false,
    public: spec.public ?? true,
    dri: spec.dri ?? null,
    urls: spec.urls ?? [],
    unit: spec.unit === undefined ? 'contributors' : spec.unit,
    value,
    status: value === null ? 'unavailable' : 'ok',
    note: spec.note ?? null,
    target: {
      kind: spec.kind ?? (target === null ? 'none' : 'monthly'),
      direction: spec.direction ?? 'higher',
      tolerance: 0.1,
      words: spec.words ?? (typeof target === 'number' ? `Above ${target} per month` : 'No target set'),
      month_target: typeof target === 'number' ? target : null,
      total_period: spec.forecast?.period ?? null,
      total_target: spec.forecast?.target ?? null,
    },
    health: { level: spec.level, label: healthLabel(spec.level), reasons: spec.reasons },
    deltas: { previous_month: change(spec.values), same_month_last_year: yearChange(spec.values), trend_3m: trend(spec.values) },
    forecast: spec.forecast ?? null,
    series: s,
    definition_changed_in: spec.breakAt !== undefined && spec.breakAt >= 0 ? (MONTHS[spec.breakAt] ?? null) : null,
    source: spec.source ?? { name: 'gitlab', type: 'gitlab', query: { kind: 'merged_mr_authors', group: 'gitlab-org', labels: ['Community contribution'] } },
    first_time_contributors: spec.first ?? [],
    top_contributors: spec.top ?? [],
    estimate: spec.estimate ?? false,
    ...(spec.commentary === undefined ? {} : { commentary: spec.commentary }),
    breakdown: spec.breakdown ?? null,
    releases: spec.releases ?? [],
  };
}

function counts(ms: MetricReport[]) {
  return {
    okay: ms.filter((m) => m.health.level === 3).length,
    attention: ms.filter((m) => m.health.level === 2).length,
    problem: ms.filter((m) => m.health.level === 1).length,
    unknown: ms.filter((m) => m.health.level === 0).length,
  };
}

export function report(metrics: MetricReport[], title = 'DevRel PIs'): ReportModel {
  const ordered = [...metrics.filter((m) => m.is_key), ...metrics.filter((m) => !m.is_key)];
  return {
    title,
    org: 'Developer Relations',
    base_path: '/handbook/marketing/developer-relations/performance-indicators/',
    timezone: 'UTC',
    period: { label: '2026-10', name: 'October 2026', fiscal_quarter: 'FY27-Q3', fiscal_year: 'FY27' },
    generated_at: '2026-11-02T06:00:00.000Z',
    metrics: ordered,
    summary: {
      counts: counts(ordered),
      kpi_counts: counts(ordered.filter((m) => m.is_key)),
      rows: ordered.map((m) => ({ id: m.id, name: m.name, is_key: m.is_key, level: m.health.level, label: m.health.label, reason: m.health.reasons[0] ?? '' })),
    },
  };
}

/** The report the golden files are rendered from. */
export function fixedReport(): ReportModel {
  return report([
    metric({
      id: 'wider-community-contributors',
      name: 'Unique Wider Community Contributors per Month',
      definition: 'Distinct authors of merged MRs labelled "Community contribution" in gitlab-org, bots excluded.',
      is_key: true,
      dri: '@jdoe',
      values: [148, 152, null, 160, 158, 171, 175, 169, 180, 176, 172, 170, 182],
      target: 170,
      words: 'Above 170 contributors per month',
      level: 3,
      reasons: ['182 vs target 170 (+7%); third month above target'],
      urls: ['https://gitlab.com/groups/gitlab-org/-/merge_requests?label_name[]=Community%20contribution', 'javascript:alert(1)'],
      first: [
        { username: 'ayo', name: 'Ayọ̀ Adébáyọ̀', count: 2, web_url: 'https://gitlab.com/ayo' },
        { username: 'mei', name: 'Mei Lin', count: 1, web_url: 'https://gitlab.com/mei' },
      ],
      top: [
        { username: 'kim', name: 'Kim Park', count: 9, web_url: 'https://gitlab.com/kim' },
        { username: 'ayo', name: 'Ayọ̀ Adébáyọ̀', count: 2, web_url: 'https://gitlab.com/ayo' },
      ],
    }),
    metric({
      id: 'merged-community-mrs',
      name: 'Merged Community Merge Requests',
      is_key: true,
      unit: 'merge requests',
      values: [690, 720, 705, 760, 801, 770, 740, 790, 810, 795, 760, 780, 820],
      target: null,
      kind: 'quarterly',
      words: '2,400 merge requests in FY27-Q3',
      level: 2,
      reasons: ['FY27-Q3 total 2,360 of 2,400 — 40 short'],
      forecast: {
        period: 'FY27-Q3',
        last_month: '2026-10',
        months_elapsed: 3,
        months_total: 3,
        actual_to_date: 2360,
        expected_to_date: 2400,
        monthly_rate: 787,
        forecast: 2360,
        target: 2400,
        gap: -40,
        missing_months: [],
        unavailable_months: [],
        aggregation: 'sum',
      },
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'merged_mrs', groups: ['gitlab-org', 'gitlab-com'], exclude_users: ['gitlab-bot-legacy'] } },
    }),
    metric({
      id: 'community-mrs-per-release',
      name: 'Wider Community Merged MRs per Release',
      definition: 'Merged MRs labelled "Community contribution" in gitlab-org with the release\'s milestone, bots excluded.',
      is_key: true,
      unit: 'merge requests',
      values: [402, 431, 415, 447, 452, 460, 441, 470, 488, 463, 479, 495, 512],
      target: 450,
      words: 'Above 450 merge requests per release',
      level: 3,
      reasons: ['512 vs target 450 (+14%); fourth month above target'],
      releases: MONTHS.map((period, i) => ({ release: i < 7 ? `17.${i + 5}` : `18.${i - 7}`, due_date: `${period}-15`, value: [402, 431, 415, 447, 452, 460, 441, 470, 488, 463, 479, 495, 512][i] ?? null, period })),
      breakdown: { kind: 'releases', rows: [row({ key: '18.5', value: 512, date: '2026-10-15' })] },
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'merged_mrs_per_milestone', group: 'gitlab-org', milestone_pattern: '^\\d+\\.\\d+$' } },
    }),
    metric({
      id: 'contributor-retention',
      name: 'First-Time Contributor Retention',
      unit: '%',
      values: [31, 33, 29, 36, 34, 38, 35, 37, 40, 36, 39, 41, 38],
      target: 35,
      words: 'Above 35% per month',
      level: 3,
      reasons: ['38 vs target 35 (+9%); third month above target'],
      breakdown: {
        kind: 'cohorts',
        rows: [
          row({ key: '2026-07', label: 'Cohort 2026-07', value: 38, count: 21 }),
          row({ key: '2026-08', label: 'Cohort 2026-08', value: 28, count: 18, partial: true }),
          row({ key: '2026-09', label: 'Cohort 2026-09', value: null, count: 0, partial: true }),
        ],
      },
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'contributor_retention', group: 'gitlab-org', within_months: 3 } },
    }),
    metric({
      id: 'community-mr-time-to-first-review',
      name: 'Community MR Time to First Review',
      unit: 'hours',
      direction: 'lower',
      values: [30, 26, 28, 22, 25, 21, 19, 24, 20, 18, 22, 17, 1],
      target: 48,
      words: 'At most 48 hours',
      level: 3,
      reasons: ['1 vs target 48 (-98%); 13th month within target'],
      breakdown: {
        kind: 'statistics',
        rows: [
          row({ key: 'median', label: 'Median', value: 1, count: 41 }),
          row({ key: 'p75', label: '75th percentile', value: 19, count: 41 }),
          row({ key: 'without_review', label: 'Merged without a review comment', value: 1 }),
        ],
      },
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'time_to_first_review', group: 'gitlab-org' } },
    }),
    metric({
      id: 'meetups',
      name: 'Meetups per Month',
      unit: 'meetups',
      dri: '@mlopez',
      values: [9, 11, 6, 8, 10, 12, 13, 9, 11, 14, 10, 12, 3],
      target: 12,
      words: 'Above 12 meetups per month',
      level: 1,
      reasons: ['3 vs target 12 (-75%); more than 10% below target'],
      commentary: 'The autumn hackathon moved to November; three meetups joined it.',
      breakdown: {
        kind: 'items',
        rows: [
          row({ key: 'm1', label: 'GitLab Meetup Berlin | October', value: 1, date: '2026-10-03', url: 'https://gitlab.com/gitlab-com/marketing/meetups/-/issues/101' }),
          row({ key: 'm2', label: 'Lagos DevOps Night', value: 1, date: '2026-10-14', url: 'https://gitlab.com/gitlab-com/marketing/meetups/-/issues/104' }),
          row({ key: 'm3', label: 'São Paulo CI/CD [hands-on]', value: 1, date: '2026-10-24', url: 'https://gitlab.com/gitlab-com/marketing/meetups/-/issues/107' }),
        ],
      },
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'issues', group: 'gitlab-com/marketing', labels: ['Meetups'], date_field: 'due_date' } },
    }),
    metric({
      id: 'forum-monthly-active-users',
      name: 'Forum Monthly Active Users',
      unit: 'users',
      values: [8100, 8300, 8250, 8600, 8900, 9100, 8800, 9300, 9500, 9400, 9900, 10140, 10240],
      target: 9000,
      words: 'Above 9,000 users per month',
      level: 3,
      reasons: ['10,240 vs target 9,000 (+14%); sixth month above target'],
      estimate: true,
      note: 'estimated from the 30-day DAU/MAU ratio (no Data Explorer plugin)',
      source: { name: 'forum', type: 'discourse', query: { kind: 'active_users' } },
    }),
    metric({
      id: 'forum-time-to-first-response',
      name: 'Forum Time to First Response',
      unit: 'hours',
      direction: 'lower',
      values: [30, 28, 26, 29, 27, 25, 24, 26, 22, 23, 25, 21, 27],
      target: 24,
      words: 'At most 24 hours',
      level: 2,
      reasons: ['27 vs target 24 (+13%); within the 25% tolerance'],
      source: { name: 'forum', type: 'discourse', query: { kind: 'time_to_first_response' } },
    }),
    metric({
      id: 'youtube-views',
      name: 'YouTube Views',
      unit: 'views',
      values: [410000, 380000, 450000, 520000, null, 470000, 490000, 505000, 480000, 530000, 560000, 540000, null],
      target: 500000,
      words: 'Above 500,000 views per month',
      level: 0,
      reasons: ['no data: youtubeanalytics.googleapis.com answered 503 (gave up after 5 attempts)'],
      source: { name: 'youtube', type: 'youtube', query: { kind: 'views' } },
      urls: ['https://www.youtube.com/@Gitlab'],
    }),
    metric({
      id: 'first-time-contributors',
      name: 'First-Time Contributors',
      values: [22, 25, 24, 28, 31, 30, 33, 36, 34, 38, 41, 36, 31],
      target: (i) => (i < 4 ? null : i < 7 ? 30 : i < 10 ? 35 : 40),
      words: 'FY27-Q3 ramp: 40 contributors per month',
      level: 1,
      reasons: ['31 vs target 40 (-23%); more than 10% below target; second month below target'],
      breakAt: 3,
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'first_time_contributors', group: 'gitlab-org' } },
    }),
    metric({
      id: 'devrel-content-pageviews',
      name: 'DevRel Content Pageviews',
      unit: 'views',
      public: false,
      dri: '@asmith',
      values: [200000, 210000, 190000, 230000, 240000, 250000, 245000, 260000, 270000, 255000, 265000, 280000, 310000],
      target: 250000,
      words: 'Above 250,000 views per month',
      level: 3,
      reasons: ['310,000 vs target 250,000 (+24%); fourth month above target'],
      source: { name: 'docs-analytics', type: 'plausible', query: { kind: 'pageviews', path_prefixes: ['/community/', '/events/'] } },
    }),
    metric({
      id: 'education-program-seats',
      name: 'Education Program Seats',
      unit: 'seats',
      values: [null, null, null, null, null, null, null, null, null, null, 41200, 42150, 43020],
      target: null,
      level: 0,
      reasons: ['no target set'],
      note: 'entered by hand in the goals file',
      source: { name: 'spreadsheet', type: 'manual', query: { kind: 'value', values: { '2026-08': 41200, '2026-09': 42150, '2026-10': 43020 } } },
    }),
  ]);
}

function largeDetail(i: number, values: number[]): Pick<MetricReport, 'breakdown' | 'releases'> {
  switch (i % 4) {
    case 0:
      return {
        breakdown: { kind: 'releases', rows: [row({ key: `18.${i}`, value: values.at(-1) ?? null, date: '2026-10-15' })] },
        releases: MONTHS.map((period, k) => ({ release: `${17 + Math.floor(k / 12)}.${k % 12}`, due_date: `${period}-15`, value: values[k] ?? null, period })),
      };
    case 1:
      return { breakdown: { kind: 'cohorts', rows: ['2026-07', '2026-08', '2026-09'].map((key, k) => row({ key, label: `Cohort ${key}`, value: 30 + k, count: 20 + k, partial: k > 0 })) }, releases: [] };
    case 2:
      return { breakdown: { kind: 'statistics', rows: [row({ key: 'median', label: 'Median', value: 12, count: 300 }), row({ key: 'p75', label: '75th percentile', value: 30, count: 300 }), row({ key: 'without_review', label: 'Merged without a review comment', value: 14 })] }, releases: [] };
    default:
      return { breakdown: { kind: 'items', rows: Array.from({ length: 50 }, (_, k) => row({ key: `i${k}`, label: `Community event number ${k} with a fairly long title`, value: 1, date: '2026-10-03', url: `https://gitlab.com/gitlab-com/marketing/meetups/-/issues/${k}` })) }, releases: [] };
  }
}

/** A deterministic report of `count` indicators (a third of them KPIs), 13 months each: the benchmark's and size test's input. */
export function largeReport(count = 15): ReportModel {
  const metrics: MetricReport[] = [];
  const next = prng(7);
  for (let i = 0; i < count; i++) {
    const base = Math.round(100 + next() * 5000);
    const values = MONTHS.map(() => Math.round(base * (0.8 + next() * 0.4)));
    const target = Math.round(base * 0.95);
    const last = values.at(-1) ?? 0;
    const level: HealthLevel = last >= target ? 3 : last >= target * 0.9 ? 2 : 1;
    metrics.push(
      metric({
        id: `indicator-${String(i + 1).padStart(2, '0')}`,
        name: `Indicator ${i + 1}: ${['Community Contributors', 'Forum Active Users', 'Meetups Held', 'Blog Pageviews', 'Video Views'][i % 5]}`,
        is_key: i % 3 === 0,
        dri: i % 2 ? '@jdoe' : '@asmith',
        unit: 'events',
        values,
        target,
        words: `Above ${target} events per month`,
        level,
        reasons: [`${last} vs target ${target}`],
        top: Array.from({ length: 10 }, (_, k) => ({ username: `user${i}-${k}`, name: `User ${k}`, count: 10 - k, web_url: `https://gitlab.com/user${i}-${k}` })),
        // Every kind of detail, the longest each can be: the email must stay under Gmail's clip size with them.
        estimate: i % 5 === 1,
        ...largeDetail(i, values),
      }),
    );
  }
  return report(metrics);
}
