// Collects every requested (metric, period) pair. All pairs start at once: the HTTP client's
// per-host budgets pace each API, so one slow source never holds another's requests. A failure
// never escapes: it becomes an unavailable outcome with a one-line, masked reason, and the rest
// of the report goes on.
import type { Goals, GoalsMetric } from '../goals/goals.ts';
import type { Period } from '../periods/periods.ts';
import { maskDeep } from '../secrets.ts';
import { sourceFor } from '../sources/index.ts';
import type { Collector, MetricOutcome } from '../sources/types.ts';
import type { Services } from '../services.ts';
import { sourceContext } from './context.ts';
import { describeFailure } from './failure.ts';
import { collectTotal, totalSpanOf } from './period-total.ts';
import { unsettledReason } from './settle.ts';

export interface CollectRequest {
  period: Period;
  /** Metric ids to collect for this period; all metrics when omitted. */
  metricIds?: readonly string[];
}

/** period label → metric id → outcome */
export type CollectedValues = Map<string, Map<string, MetricOutcome>>;

function formatValue(outcome: MetricOutcome): string {
  if (outcome.value === null) return `unavailable — ${outcome.reason ?? 'no value'}`;
  const value = outcome.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `${value}${outcome.unit ? ` ${outcome.unit}` : ''}${outcome.status === 'manual' ? ' (manual)' : ''}`;
}

/** A source that has not settled for the month: its reason is the outcome's, as is. */
class Unsettled extends Error {}

/**
 * Told once per period, as soon as every metric of it has an outcome (metrics in the goals file's
 * order): a backfill checkpoints finished months while later ones are still being collected.
 */
export type OnPeriodCollected = (label: string, outcomes: ReadonlyMap<string, MetricOutcome>) => void;

function inGoalsOrder(goals: Goals, outcomes: ReadonlyMap<string, MetricOutcome>): Map<string, MetricOutcome> {
  const ordered = new Map<string, MetricOutcome>();
  for (const metric of goals.metrics) {
    const outcome = outcomes.get(metric.id);
    if (outcome) ordered.set(metric.id, outcome);
  }
  return ordered;
}

export async function collectMetrics(goals: Goals, requests: readonly CollectRequest[], deps: Services, onPeriod?: OnPeriodCollected): Promise<CollectedValues> {
  const collectors = new Map<string, Collector<unknown> | Error>();
  const collectorFor = (sourceName: string): Collector<unknown> | Error => {
    let collector = collectors.get(sourceName);
    if (collector === undefined) {
      const config = goals.sources[sourceName];
      const source = config && sourceFor(config.type);
      try {
        if (!config || !source) throw new Error(`source "${sourceName}" is not defined`);
        collector = source.createCollector(sourceContext(sourceName, deps), sourceName, config);
      } catch (error) {
        collector = error instanceof Error ? error : new Error(String(error));
      }
      collectors.set(sourceName, collector);
    }
    return collector;
  };

  const one = async (metric: GoalsMetric, period: Period): Promise<MetricOutcome> => {
    const started = Date.now();
    let outcome: MetricOutcome;
    const unsettled = unsettledReason(goals, metric.source, period, deps.now());
    try {
      // Never a number that will still change: it would be recorded as final.
      if (unsettled) throw new Unsettled(unsettled);
      const collector = collectorFor(metric.source);
      if (collector instanceof Error) throw collector;
      outcome = await collector.collect({ id: metric.id, query: metric.query }, period);
      // An answer without a value (the catch below is a failure): a backfill does not ask again.
      if (outcome.status === 'unavailable') outcome = { ...outcome, noValue: true };
      if (outcome.unit === undefined && metric.unit !== undefined) outcome = { ...outcome, unit: metric.unit };
      const span = outcome.status === 'unavailable' ? undefined : totalSpanOf(goals, metric, period);
      if (span) outcome = { ...outcome, periodTotal: await collectTotal(collector, metric, period, span, (error) => deps.masker.mask(describeFailure(error))) };
    } catch (error) {
      outcome = { value: null, status: 'unavailable', reason: error instanceof Unsettled ? error.message : deps.masker.mask(describeFailure(error)) };
    }
    // Every string an API answered (names, titles, notes) is masked here, whatever the source.
    outcome = maskDeep(outcome);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const total = outcome.periodTotal ? `; ${outcome.periodTotal.period} so far: ${outcome.periodTotal.value === null ? `unavailable — ${outcome.periodTotal.reason ?? 'no value'}` : outcome.periodTotal.value.toLocaleString('en-US')}` : '';
    const line = `${period.label} ${metric.id}: ${formatValue(outcome)}${total} (${seconds}s)`;
    if (outcome.status === 'unavailable') deps.log.warn(line);
    else deps.log.info(`  ${line}`);
    return outcome;
  };

  // Tell each collector every period it will be asked for, so range APIs ask once (backfill).
  for (const metric of goals.metrics) {
    const periods = requests.filter((r) => (!r.metricIds || r.metricIds.includes(metric.id)) && !unsettledReason(goals, metric.source, r.period, deps.now())).map((r) => r.period);
    if (periods.length === 0) continue;
    const collector = collectorFor(metric.source);
    if (collector instanceof Error || !collector.prefetch) continue;
    try {
      collector.prefetch({ id: metric.id, query: metric.query }, periods);
    } catch (error) {
      deps.log.debug(`${metric.id}: no range request (${deps.masker.mask(describeFailure(error))}); asking month by month`);
    }
  }

  const result: CollectedValues = new Map();
  const jobs: Promise<void>[] = [];
  for (const { period, metricIds } of requests) {
    const outcomes = new Map<string, MetricOutcome>();
    result.set(period.label, outcomes);
    const month: Promise<void>[] = [];
    for (const metric of goals.metrics) {
      if (metricIds && !metricIds.includes(metric.id)) continue;
      month.push(one(metric, period).then((outcome) => void outcomes.set(metric.id, outcome)));
    }
    // `one` never rejects, so the month is complete when all its metrics are.
    jobs.push(Promise.all(month).then(() => onPeriod?.(period.label, inGoalsOrder(goals, outcomes))));
  }
  await Promise.all(jobs);
  // Keep the goals file's metric order, whatever order the answers arrived in.
  for (const [label, outcomes] of result) result.set(label, inGoalsOrder(goals, outcomes));
  return result;
}
