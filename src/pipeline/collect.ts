// read history → plan → collect: the steps that talk to history and the sources.
import { collectMetrics } from '../collect/collect.ts';
import { planCollection } from '../history/plan.ts';
import { waitingLines } from '../http/waiting.ts';
import { formatMonth, periodOf, summarizeMonths } from '../periods/periods.ts';
import type { Snapshot } from '../history/snapshot.ts';
import { plural } from '../text.ts';
import { Checkpoints } from './checkpoint.ts';
import { backfillPublishes, checkpointSinks } from './checkpoint-sinks.ts';
import type { Collected, HistorySource, Planned, Run, RunDeps } from './state.ts';

/** Every readable stored snapshot, keyed "YYYY-MM". */
export async function readHistory(history: HistorySource, deps: RunDeps): Promise<ReadonlyMap<string, Snapshot>> {
  const past = await history.store.readAll();
  deps.log.info(`history: ${plural(past.size, 'period')} in ${history.label}`);
  return past;
}

/**
 * Pure. --refresh: history is ignored when deciding what to collect, so everything is collected
 * again; the stored month is still handed on as `previous`, so a value its source cannot give again
 * (an outage, Discord's no-history counts) is kept rather than erased (history/build.ts).
 */
export function plan(run: Run, past: ReadonlyMap<string, Snapshot>): Planned {
  const requested = new Set(run.months.map(formatMonth));
  const visible = run.options.refresh ? new Map([...past].filter(([p]) => !requested.has(p))) : past;
  const planned = planCollection({ requested: run.months, history: visible, goals: run.goals, retryNoValue: run.options.request.kind !== 'backfill' });
  if (run.options.refresh) for (const month of planned.collect) month.previous ??= past.get(month.label);
  return { past, plan: planned };
}

/**
 * Collects what the plan says. A backfill checkpoints each month as soon as it and every month
 * before it are complete (checkpoint.ts), so a stopped backfill resumes where it stopped.
 */
export async function collect(run: Run, history: HistorySource, planned: Planned, deps: RunDeps): Promise<Collected> {
  const { plan: p } = planned;
  const { goals } = run;
  // One clock for the whole run: a month checkpointed mid-run holds the bytes the end of the run writes.
  const generatedAt = deps.now();
  if (p.upToDate.length) deps.log.info(`already in history, not collected again: ${summarizeMonths(p.upToDate)} (use --refresh to collect anyway)`);
  if (p.collect.length === 0) return { collected: new Map(), generatedAt };
  const backfill = run.options.request.kind === 'backfill';
  if (backfill && p.upToDate.length) deps.log.info(`resuming: ${p.upToDate.length} of ${run.months.length} months already collected; collecting ${summarizeMonths(p.collect.map((month) => month.label))}`);
  const sinks = backfill ? checkpointSinks(run, history, deps) : [];
  if (backfill) deps.log.info(backfillPublishes(run, sinks));
  const checkpoints = backfill ? new Checkpoints({ run, planned }, generatedAt, sinks, deps.log) : undefined;
  const pairs = p.collect.reduce((n, month) => n + month.metricIds.length, 0);
  deps.log.info(`collecting ${plural(pairs, 'value')} for ${summarizeMonths(p.collect.map((month) => month.label))}`);
  const started = Date.now();
  const before = deps.http.stats();
  const collected = await collectMetrics(
    goals,
    p.collect.map((month) => ({ period: periodOf(month.period, goals.report.timezone), metricIds: month.metricIds })),
    deps,
    checkpoints && ((label, outcomes) => checkpoints.collected(label, outcomes)),
  );
  await checkpoints?.settle();
  const after = deps.http.stats();
  deps.log.info(`collected in ${((Date.now() - started) / 1000).toFixed(1)}s with ${plural(after.requests - before.requests, 'HTTP request')} (${after.retries - before.retries} retried)`);
  for (const line of waitingLines(before, after)) deps.log.info(line);
  for (const line of sourceLines(goals, collected)) deps.log.info(line);
  return { collected, generatedAt };
}

/** One progress line per source and month: how many of its metrics have a value. */
export function sourceLines(goals: Run['goals'], collected: Collected['collected']): string[] {
  const lines: string[] = [];
  for (const [month, outcomes] of collected) {
    const bySource = new Map<string, { ok: number; missing: string[] }>();
    for (const [id, outcome] of outcomes) {
      const source = goals.metrics.find((m) => m.id === id)?.source ?? '?';
      const entry = bySource.get(source) ?? { ok: 0, missing: [] };
      if (outcome.status === 'unavailable') entry.missing.push(id);
      else entry.ok++;
      bySource.set(source, entry);
    }
    for (const [source, { ok, missing }] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
      const type = goals.sources[source]?.type ?? 'unknown';
      lines.push(`source ${source} (${type}) ${month}: ${plural(ok + missing.length, 'metric')}, ${ok} with a value${missing.length ? `, unavailable: ${missing.join(', ')}` : ''}`);
    }
  }
  return lines;
}
