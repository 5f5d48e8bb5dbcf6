// Goals and snapshots for evaluate/history tests, built through the real buildSnapshot so every
// definition_hash is the one production computes.
import type { Goals, GoalsMetric } from '../../src/goals/goals.ts';
import { parseMonth } from '../../src/periods/periods.ts';
import { targetSchema } from '../../src/goals/target.ts';
import { buildSnapshot } from '../../src/history/build.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import type { MetricOutcome } from '../../src/sources/types.ts';

export const GENERATED_AT = new Date('2026-11-02T06:00:00Z');

export type TargetInput = Parameters<typeof targetSchema.parse>[0];

export interface MetricInput {
  id: string;
  target?: TargetInput;
  unit?: string;
  is_key?: boolean;
  /** Changes the query (and so the definition hash). */
  group?: string;
  /** A gitlab query kind; default merged_mr_authors. */
  kind?: string;
}

export function metric(input: MetricInput): GoalsMetric {
  const m: GoalsMetric = {
    id: input.id,
    name: `Metric ${input.id}`,
    definition: `Definition of ${input.id}.`,
    source: 'gitlab',
    query: { kind: input.kind ?? 'merged_mr_authors', group: input.group ?? 'gitlab-org', labels: ['Community contribution'], exclude_users: [] },
    is_key: input.is_key ?? false,
    public: true,
    urls: [],
  };
  if (input.target !== undefined) m.target = targetSchema.parse(input.target);
  if (input.unit !== undefined) m.unit = input.unit;
  return m;
}

export function goalsWith(metrics: MetricInput[], fiscalYearStart = 2): Goals {
  return {
    version: 1,
    report: { title: 'DevRel PIs', org: 'Developer Relations', base_path: '/handbook/devrel/', fiscal_year_start: fiscalYearStart, timezone: 'UTC' },
    sources: { gitlab: { type: 'gitlab', url: 'https://gitlab.com', token_env: 'PULSE_GITLAB_TOKEN' } },
    metrics: metrics.map(metric),
    publish: {},
  };
}

export type Cell = number | 'unavailable' | MetricOutcome;

function outcomeOf(cell: Cell): MetricOutcome {
  if (typeof cell === 'number') return { value: cell, status: 'ok' };
  if (cell === 'unavailable') return { value: null, status: 'unavailable', reason: 'gitlab.com answered 503 (gave up after 5 attempts)' };
  return cell;
}

export function month(label: string) {
  const ref = parseMonth(label);
  if (!ref) throw new Error(`bad month ${label}`);
  return ref;
}

/** A snapshot of `label` holding `cells` (metric id → value) for the metrics of `goals`. */
export function snap(goals: Goals, label: string, cells: Record<string, Cell>): Snapshot {
  const outcomes = new Map(Object.entries(cells).map(([id, cell]) => [id, outcomeOf(cell)]));
  const only = { ...goals, metrics: goals.metrics.filter((m) => outcomes.has(m.id)) };
  return buildSnapshot({ goals: only, period: month(label), outcomes, generatedAt: GENERATED_AT, generator: 'community-pulse test' });
}

/** History from { "2026-08": 150, ... } for one metric. */
export function historyOf(goals: Goals, id: string, values: Record<string, Cell>): Map<string, Snapshot> {
  return new Map(Object.entries(values).map(([label, cell]) => [label, snap(goals, label, { [id]: cell })]));
}
