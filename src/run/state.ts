// What the pipeline's stages share. Each stage reads what earlier stages left and adds its part.
import type { CollectedValues } from '../collect/collect.ts';
import type { Env } from '../env.ts';
import type { EvaluateResult } from '../evaluate/index.ts';
import type { Goals } from '../goals/goals.ts';
import type { MonthRef } from '../goals/periods.ts';
import type { CollectionPlan } from '../history/plan.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import type { SecretMasker } from '../secrets.ts';

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
}

export interface RunDeps {
  env: Env;
  cwd: string;
  now(): Date;
  log: Logger;
  masker: SecretMasker;
  http: HttpClient;
  readFile(path: string): Promise<string>;
}

export interface RunState {
  options: RunOptions;
  goals?: Goals;
  /** The months to report, oldest first (resolved from the request by the load stage). */
  months: MonthRef[];
  /** The month written as snapshot.json / report.json: the latest requested. */
  reportMonth?: MonthRef;
  /** Every readable snapshot from history, keyed "YYYY-MM". */
  past?: Map<string, Snapshot>;
  plan?: CollectionPlan;
  collected?: CollectedValues;
  /** Evaluated results, oldest period first. */
  results: Array<{ period: MonthRef; result: EvaluateResult }>;
  /** Files written, for the closing summary. */
  written: string[];
}
