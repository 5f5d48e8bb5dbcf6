// The pipeline's stages, declared as data (semantic-release's plugins.js): each says whether it runs
// in a dry run, so no publisher ever checks a dry-run flag itself. Stages that publish (handbook
// commit, email) join this list with `inDryRun: false`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { collectMetrics } from '../collect/collect.ts';
import { packageVersion } from '../commands/version.ts';
import { evaluate } from '../evaluate/index.ts';
import { envNames } from '../goals/env-names.ts';
import { loadGoals } from '../goals/load.ts';
import { compareMonths, formatMonth, monthRange, periodOf, previousMonth } from '../goals/periods.ts';
import { PulseError } from '../errors.ts';
import { buildSnapshot } from '../history/build.ts';
import { LocalDirStore } from '../history/local-store.ts';
import { planCollection } from '../history/plan.ts';
import { chooseHistory, localHistoryDir } from './history-source.ts';
import type { RunDeps, RunState } from './state.ts';

export interface Stage {
  name: string;
  inDryRun: boolean;
  run(state: RunState, deps: RunDeps): Promise<void>;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`pipeline order: ${what} is not ready`);
  return value;
}

const loadStage: Stage = {
  name: 'load goals',
  inDryRun: true,
  async run(state, deps) {
    const { goals } = await loadGoals(state.options.goalsFile, { readFile: deps.readFile });
    // Register every credential the file names before anything can print it.
    for (const name of envNames(goals)) deps.masker.add(deps.env[name]);
    state.goals = goals;
    deps.log.info(`goals: ${goals.metrics.length} metrics from ${Object.keys(goals.sources).length} sources (${state.options.goalsFile})`);
    const { request } = state.options;
    const latest = previousMonth(deps.now(), goals.report.timezone);
    if (request.kind === 'run') state.months = [request.period ?? latest];
    else {
      const to = request.to ?? latest;
      state.months = monthRange(request.from, to);
      if (state.months.length === 0) {
        throw new PulseError('EARGS', `backfill: --from ${formatMonth(request.from)} is after --to ${formatMonth(to)}`, 'give --from a month before --to (both YYYY-MM)');
      }
    }
    state.reportMonth = state.months.at(-1);
    const labels = state.months.map(formatMonth);
    deps.log.info(`period: ${labels.length === 1 ? labels[0] : `${labels[0]} … ${labels.at(-1)} (${labels.length} months)`}, months counted in ${goals.report.timezone}`);
  },
};

const historyStage: Stage = {
  name: 'read history',
  inDryRun: true,
  async run(state, deps) {
    const goals = need(state.goals, 'goals');
    const { store, label } = chooseHistory(goals, state.options, deps);
    state.past = await store.readAll();
    deps.log.info(`history: ${state.past.size} period${state.past.size === 1 ? '' : 's'} in ${label}`);
  },
};

const collectStage: Stage = {
  name: 'collect',
  inDryRun: true,
  async run(state, deps) {
    const goals = need(state.goals, 'goals');
    const past = need(state.past, 'history');
    // --refresh: pretend history is empty for the requested months so everything is collected again.
    const visible = state.options.refresh ? new Map([...past].filter(([p]) => !state.months.some((m) => formatMonth(m) === p))) : past;
    const plan = planCollection({ requested: state.months, history: visible, goals });
    state.plan = plan;
    if (plan.upToDate.length) deps.log.info(`already in history, not collected again: ${plan.upToDate.join(', ')} (use --refresh to collect anyway)`);
    if (plan.collect.length === 0) {
      state.collected = new Map();
      return;
    }
    const pairs = plan.collect.reduce((n, p) => n + p.metricIds.length, 0);
    deps.log.info(`collecting ${pairs} value${pairs === 1 ? '' : 's'} for ${plan.collect.map((p) => p.label).join(', ')}`);
    const started = Date.now();
    const before = deps.http.stats();
    state.collected = await collectMetrics(
      goals,
      plan.collect.map((p) => ({ period: periodOf(p.period, goals.report.timezone), metricIds: p.metricIds })),
      deps,
    );
    const after = deps.http.stats();
    const requests = after.requests - before.requests;
    deps.log.info(`collected in ${((Date.now() - started) / 1000).toFixed(1)}s with ${requests} HTTP request${requests === 1 ? '' : 's'} (${after.retries - before.retries} retried)`);
  },
};

const evaluateStage: Stage = {
  name: 'evaluate',
  inDryRun: true,
  async run(state, deps) {
    const goals = need(state.goals, 'goals');
    const plan = need(state.plan, 'plan');
    const collected = need(state.collected, 'collected values');
    // Oldest first, so each month is judged with the months before it already evaluated.
    const history = new Map(need(state.past, 'history'));
    const generator = `community-pulse ${packageVersion()}`;
    const months = [...state.months].sort(compareMonths);
    for (const month of months) {
      const label = formatMonth(month);
      const planned = plan.collect.find((p) => p.label === label);
      const fresh = planned ? buildSnapshot({ goals, period: month, outcomes: collected.get(label) ?? new Map(), generatedAt: deps.now(), generator, previous: planned.previous }) : history.get(label);
      if (!fresh) continue;
      const result = evaluate({ goals, period: month, snapshot: fresh, history });
      history.set(label, result.snapshot);
      state.results.push({ period: month, result });
    }
  },
};

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

const writeLocalStage: Stage = {
  name: 'write local files',
  inDryRun: true,
  async run(state, deps) {
    const out = resolve(deps.cwd, state.options.outDir);
    await mkdir(out, { recursive: true });
    const local = new LocalDirStore(localHistoryDir(state.options, deps.cwd), deps.log);
    for (const { result } of state.results) {
      await local.write(result.snapshot);
      state.written.push(join(local.dir, `${result.snapshot.period}.json`));
    }
    const reportMonth = state.reportMonth;
    const report = reportMonth && state.results.find((r) => compareMonths(r.period, reportMonth) === 0);
    if (report) {
      await writeJson(join(out, 'snapshot.json'), report.result.snapshot);
      await writeJson(join(out, 'report.json'), report.result.report);
      state.written.push(join(out, 'snapshot.json'), join(out, 'report.json'));
      const goals = need(state.goals, 'goals');
      // Loaded here, not at start-up: --help and check never need the template engine.
      const { renderToDir } = await import('../render/write.ts');
      const { result, written } = await renderToDir({ report: report.result.report, goals, goalsFile: resolve(deps.cwd, state.options.goalsFile), outDir: out });
      deps.log.info(`rendered the page, the PI data and the email ("${result.email.subject}") with ${result.email.attachments.length} chart${result.email.attachments.length === 1 ? '' : 's'}`);
      state.written.push(...written);
    }
  },
};

export const STAGES: readonly Stage[] = [loadStage, historyStage, collectStage, evaluateStage, writeLocalStage];
