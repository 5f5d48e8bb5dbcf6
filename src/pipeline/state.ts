// What the steps of the pipeline return. `Run` is fixed at load; every other type is one step's own
// result, complete when it exists: a step takes the Run and the results it needs (nothing else), so
// nothing is checked for "ready" at run time and the order is the one in pipeline.ts.
import type { CollectedValues } from '../collect/collect.ts';
import type { EvaluateResult } from '../evaluate/index.ts';
import type { Goals } from '../goals/goals.ts';
import type { CollectionPlan } from '../history/plan.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { HistoryStore } from '../history/store.ts';
import type { TemplatesDir } from '../goals/location.ts';
import type { MonthRef } from '../periods/periods.ts';
import type { SectionWriter } from '../ci-sections.ts';
import type { Services } from '../services.ts';

/** `run`: one month (default: the previous month in the report's time zone). `backfill`: a range. */
export type MonthRequest = { kind: 'run'; period?: MonthRef | undefined } | { kind: 'backfill'; from: MonthRef; to?: MonthRef | undefined; maxMonths?: number | undefined };

export interface RunOptions {
  /** Path of the goals file, relative to cwd. */
  goalsFile: string;
  /** Which months: resolved once the goals file (and so its time zone) is known. */
  request: MonthRequest;
  dryRun: boolean;
  /** Local output directory: snapshot.json, report.json, history/<YYYY-MM>.json. */
  outDir: string;
  /** Read history from this local directory instead of the handbook repository. */
  historyDir?: string | undefined;
  /** Collect again even when history already holds the period. */
  refresh: boolean;
  /** Send the period's email again even when it was delivered. */
  resend?: boolean | undefined;
  /** This program's version, recorded in every snapshot ("community-pulse 0.1.0"). */
  version: string;
}

/** What every step may read of the options. */
export type RunSettings = Omit<RunOptions, 'goalsFile'>;

/** The composition root's Services plus what only the pipeline needs. */
export interface RunDeps extends Services {
  /** GitLab CI collapsible log sections around each step (no-ops outside CI). */
  sections?: SectionWriter;
  cwd: string;
  readFile(path: string): Promise<string>;
}

/**
 * load: what is fixed for the whole run, decided once when the goals file is loaded. Every later
 * step reads the parts it needs from here and returns only its own result, so no step carries
 * another's data onward (the goals path itself stays in load: only templates_dir needed it).
 */
export interface Run {
  /** The options without the goals file's path: nothing after load needs it. */
  options: RunSettings;
  goals: Goals;
  /** The months to report, oldest first. */
  months: MonthRef[];
  /** The month written as snapshot.json / report.json: the latest requested. */
  reportMonth: MonthRef;
  /** report.templates_dir resolved against the goals file's directory (at load); null when unset. */
  templatesDir: TemplatesDir | null;
}

/** verify: where history is read from. */
export interface HistorySource {
  store: HistoryStore;
  label: string;
}

/** read history + plan: every readable stored snapshot (keyed "YYYY-MM"), and which (month, metric) pairs to collect. */
export interface Planned {
  past: ReadonlyMap<string, Snapshot>;
  plan: CollectionPlan;
}

/** collect: what the sources answered, keyed by month label then metric id. */
export interface Collected {
  collected: CollectedValues;
  /** When collection started: the collected_at and generated_at of every month this run records. */
  generatedAt: Date;
}

export interface JudgedMonth {
  period: MonthRef;
  /** True when this run collected the month (so its snapshot is a new record); false: judged from history. */
  collected: boolean;
  /** Today's judgement, for the report (never stored). */
  result: EvaluateResult;
  /** The month's record: the snapshot this run collected and judged, or the one history holds. */
  record: Snapshot;
}

/** judge (pure): every requested month judged with today's goals, oldest first. */
export interface Judged {
  judged: JudgedMonth[];
  /** The judgement of `reportMonth`, when history or this run has it. */
  report: JudgedMonth | undefined;
}
