// The contract every source folder implements (Renovate's datasource shape): a zod schema for its
// entry under `sources:` in the goals file, a zod schema for each query kind it offers, and a
// collector that turns one metric's query for one period into a value.
import type { z } from 'zod';
import type { Period } from '../periods/periods.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';

/** One person behind a number, kept so reports can list new and top contributors. */
export interface ContributorDetail {
  username: string;
  name: string;
  /** Merged MRs (or other contributions) by this person in the period. */
  count: number;
  webUrl: string;
  /** True when this period holds the person's first contribution (first_time_contributors). */
  firstTime?: boolean;
}

export type OutcomeStatus = 'ok' | 'manual' | 'unavailable';

export interface MetricOutcome {
  value: number | null;
  status: OutcomeStatus;
  /** One line: why the value is missing (status unavailable). Never contains a secret. */
  reason?: string;
  /** A caveat readers must see, e.g. "rolling 30 days sampled on 2026-11-02, not the calendar month". */
  note?: string;
  /** Unit shown next to the value, e.g. "hours" for time_to_first_response. */
  unit?: string;
  contributors?: ContributorDetail[];
}

export interface SourceContext {
  http: HttpClient;
  /** The value of an env var the goals file names; throws a PulseError EENV when unset. */
  secret(envName: string): string;
  log: Logger;
  now(): Date;
  /** Registers a credential the source derived at run time (an access token, a signed JWT) for masking. */
  addSecret?(value: string): void;
}

export interface MetricQuery<Query> {
  /** The metric id from the goals file (for logs and errors). */
  id: string;
  query: Query;
}

/** Created once per run per configured source, so it may cache work shared by several metrics. */
export interface Collector<Query> {
  collect(metric: MetricQuery<Query>, period: Period): Promise<MetricOutcome>;
}

export interface SourceDefinition<Config extends { type: string }, Query extends { kind: string }> {
  type: Config['type'];
  /** One line for `--help` and the schema. */
  summary: string;
  /** The source's entry under `sources:`, including `type: z.literal(...)`. */
  configSchema: z.ZodType<Config>;
  /** A discriminated union on `kind` of every query this source offers. */
  querySchema: z.ZodType<Query>;
  /** The query kinds, in the order the docs list them. */
  kinds: readonly Query['kind'][];
  /** Names of the env vars holding this source's credentials (the `*_env` fields that are set). */
  secretEnvNames(config: Config): string[];
  /**
   * Query fields that hold data rather than say what is measured (the manual source's `values`):
   * left out of the definition hash, so adding a month's number does not break the series.
   */
  queryDataFields?: readonly string[];
  createCollector(ctx: SourceContext, name: string, config: Config): Collector<Query>;
  /**
   * One cheap authenticated call proving the credentials work and the configured resource is
   * visible (run before anything is collected). Throws the HTTP client's PulseError otherwise.
   * Omitted by sources with nothing to check (manual values). `queries` are those of the metrics
   * that use this source (e.g. the GitLab groups to look up).
   */
  verify?(ctx: SourceContext, name: string, config: Config, queries: readonly Query[]): Promise<void>;
}

/** A source with its types erased, as the registry and the pipeline hold it. */
export interface RegisteredSource {
  type: string;
  summary: string;
  configSchema: z.ZodType<{ type: string }>;
  querySchema: z.ZodType<{ kind: string }>;
  kinds: readonly string[];
  secretEnvNames(config: unknown): string[];
  queryDataFields: readonly string[];
  createCollector(ctx: SourceContext, name: string, config: unknown): Collector<unknown>;
  verify?(ctx: SourceContext, name: string, config: unknown, queries: readonly unknown[]): Promise<void>;
}

/** Erases a source's types; configs and queries are re-parsed at the boundary, never cast. */
export function defineSource<Config extends { type: string }, Query extends { kind: string }>(
  def: SourceDefinition<Config, Query>,
): RegisteredSource {
  return {
    type: def.type,
    summary: def.summary,
    configSchema: def.configSchema,
    querySchema: def.querySchema,
    kinds: def.kinds,
    secretEnvNames: (config) => def.secretEnvNames(def.configSchema.parse(config)),
    queryDataFields: def.queryDataFields ?? [],
    ...(def.verify
      ? {
          verify: (ctx: SourceContext, name: string, config: unknown, queries: readonly unknown[]) =>
            def.verify?.(ctx, name, def.configSchema.parse(config), queries.map((q) => def.querySchema.parse(q))) ?? Promise.resolve(),
        }
      : {}),
    createCollector: (ctx, name, config) => {
      const collector = def.createCollector(ctx, name, def.configSchema.parse(config));
      return {
        collect: (metric, period) => collector.collect({ id: metric.id, query: def.querySchema.parse(metric.query) }, period),
      };
    },
  };
}
