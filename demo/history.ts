// Two years of history for the sample world: one judged snapshot per month before the demo's
// month, as earlier monthly runs would have committed them to the handbook. Each metric follows
// a gentle trend towards its live value, a seasonal pattern (quiet Augusts and Decembers, busy
// springs and Octobers) and seeded noise, so every demo run and every test sees the same numbers.
// Snapshots are judged with evaluate() oldest first, exactly as the pipeline does.
import { evaluate } from '../src/evaluate/index.ts';
import type { Goals } from '../src/goals/goals.ts';
import { addMonths, formatMonth, type MonthRef } from '../src/periods/periods.ts';
import { buildSnapshot } from '../src/history/build.ts';
import type { Snapshot } from '../src/history/snapshot.ts';
import type { MetricOutcome } from '../src/sources/types.ts';
import { gaussian, prng } from './prng.ts';

/** Activity by calendar month (1 = January), relative to an average month. */
const SEASON = [0, 0.96, 1.0, 1.04, 1.03, 1.02, 0.98, 0.96, 0.94, 1.01, 1.03, 1.01, 0.9];

export interface SeriesShape {
  /** Growth per year of a higher-is-better metric (a lower-is-better one improves by as much). */
  growth: number;
  /** Relative month-to-month noise. */
  noise: number;
  /** How strongly the season shows (0 = not at all, 1 = fully). */
  season: number;
  /** Picks another noise sequence (small counts easily repeat last month's value by chance). */
  seed?: number;
}

const DEFAULT_SHAPE: SeriesShape = { growth: 0.1, noise: 0.04, season: 1 };

/** The value `monthsBack` months before `period`, whose value is `latest`. Same inputs, same number. */
export function sampleValue(latest: number, period: MonthRef, monthsBack: number, seed: number, lowerIsBetter = false, shape: SeriesShape = DEFAULT_SHAPE): number {
  const random = prng(seed * 7919 + monthsBack);
  const month = addMonths(period, -monthsBack);
  const season = (m: number) => 1 + shape.season * ((SEASON[m] ?? 1) - 1);
  // Busy months mean more contributions and also slower reviews: lower-is-better values rise with activity.
  const seasonal = lowerIsBetter ? season(period.month) / season(month.month) : season(month.month) / season(period.month);
  const trend = lowerIsBetter ? 1 + (shape.growth * monthsBack) / 12 : 1 / (1 + (shape.growth * monthsBack) / 12);
  const value = latest * seasonal * trend * (1 + shape.noise * gaussian(random));
  return roundLike(latest, Math.max(0, value));
}

/** Rounds a generated value the way the live value is shown: whole counts, one decimal for small measures. */
function roundLike(latest: number, value: number): number {
  if (!Number.isInteger(latest)) return Math.round(value * 10) / 10;
  if (latest >= 10_000) return Math.round(value / 10) * 10;
  return Math.round(value);
}

/** The release due in `month` (17.5 in October 2026, one a month) and its due date, the third Thursday. */
export function releaseOf(month: MonthRef): { title: string; due: string } {
  // 17.0 is due in May 2026: minors 0..11 per major, majors change in May.
  const sinceMay = (month.year - 2026) * 12 + (month.month - 5);
  const major = 17 + Math.floor(sinceMay / 12);
  const minor = ((sinceMay % 12) + 12) % 12;
  const firstDay = new Date(Date.UTC(month.year, month.month - 1, 1)).getUTCDay();
  const day = 1 + ((4 - firstDay + 7) % 7) + 14;
  return { title: `${major}.${minor}`, due: `${month.year}-${String(month.month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

export interface SampleHistoryInput {
  goals: Goals;
  /** The demo's month: history ends the month before. */
  period: MonthRef;
  months: number;
  /** metric id → the value the world holds for `period`. */
  latest: Record<string, number>;
  /** When the earlier runs happened: the 2nd of the following month, 06:00 UTC. */
  generator: string;
  /** "YYYY-MM" → metric id → the value the world's own records give that month (used as is). */
  pinned?: Record<string, Record<string, number>>;
}

/** Metrics whose history moves differently from the default shape. */
const SHAPES: Record<string, SeriesShape> = {
  'community-mrs-per-release': { growth: 0.12, noise: 0.09, season: 0.8 },
  'contributor-retention': { growth: 0.05, noise: 0.1, season: 0 },
  'forum-time-to-first-response': { growth: 0.08, noise: 0.08, season: 0.5 },
  'open-community-mr-age': { growth: -0.1, noise: 0.06, season: 0.3 },
  'education-program-seats': { growth: 0.18, noise: 0.005, season: 0 },
  'youtube-views': { growth: 0.15, noise: 0.1, season: 0.6 },
  'heroes-talks': { growth: 0.1, noise: 0.15, season: 1, seed: 5 },
  'heroes-blog-posts': { growth: -0.3, noise: 0.1, season: 1, seed: 1 },
  meetups: { growth: 0.1, noise: 0.12, season: 1.3, seed: 3 },
};

export function sampleHistory(input: SampleHistoryInput): Snapshot[] {
  const { goals } = input;
  const history = new Map<string, Snapshot>();
  const out: Snapshot[] = [];
  for (let back = input.months; back >= 1; back--) {
    const month = addMonths(input.period, -back);
    const next = addMonths(month, 1);
    const generatedAt = new Date(Date.UTC(next.year, next.month - 1, 2, 6, 0, 0));
    const outcomes = new Map<string, MetricOutcome>();
    goals.metrics.forEach((metric, index) => {
      const latest = input.latest[metric.id];
      if (latest === undefined) return;
      const manual = goals.sources[metric.source]?.type === 'manual';
      const typed = manual && 'values' in metric.query ? (metric.query.values as Record<string, number>)[formatMonth(month)] : undefined;
      const lower = metric.target !== undefined && 'direction' in metric.target && metric.target.direction === 'lower';
      const shape = SHAPES[metric.id] ?? DEFAULT_SHAPE;
      const value = typed ?? input.pinned?.[formatMonth(month)]?.[metric.id] ?? sampleValue(latest, input.period, back, shape.seed ?? index + 1, lower, shape);
      const outcome: MetricOutcome = { value, status: manual ? 'manual' : 'ok', ...(metric.unit ? { unit: metric.unit } : {}) };
      if (metric.query.kind === 'merged_mrs_per_milestone') {
        const release = releaseOf(month);
        outcome.breakdown = { kind: 'releases', items: [{ key: release.title, label: release.title, value, date: release.due }] };
      }
      outcomes.set(metric.id, outcome);
    });
    const fresh = buildSnapshot({ goals, period: month, outcomes, generatedAt, generator: input.generator });
    const { snapshot } = evaluate({ goals, period: month, snapshot: fresh, history });
    history.set(formatMonth(month), snapshot);
    out.push(snapshot);
  }
  return out;
}
