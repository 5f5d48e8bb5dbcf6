// The contract every source folder implements (Renovate's datasource shape): one descriptor per
// source (a zod schema for its entry under `sources:`, the collector, the verify call) holding one
// descriptor per query kind (its schema, how its months make a quarter's total, per month or per
// release). Everything that lists sources or kinds (the goals-file rules, the JSON Schema, the
// definition hash, evaluate, the docs tables) is derived from these descriptors.
import { z } from 'zod';
import type { Period } from '../periods/periods.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import type { ConfidentialField } from './confidential.ts';

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

/** One row of a metric's breakdown: a release, a cohort, a statistic or a counted item. */
export interface BreakdownItem {
  /** Stable key: milestone title ("17.5"), cohort month ("2026-07"), statistic ("p75"), an issue URL. */
  key: string;
  /** What a reader sees: "17.5", "Cohort 2026-07", "75th percentile", an issue title (verbatim; renderers escape). */
  label: string;
  value: number | null;
  /** A day (YYYY-MM-DD) the row belongs to: the milestone's due date, an issue's counted date. */
  date?: string;
  url?: string;
  /** Still filling in as later months arrive (a retention cohort whose window is not over). */
  partial?: boolean;
  /** How many things the value is computed from (MRs in a statistic, people in a cohort). */
  count?: number;
  /**
   * This row's label and link must not be shown publicly (a customer among organisations): the
   * page and the stored snapshots show "Confidential"; the email keeps them. See confidential.ts.
   */
  confidential?: boolean;
}

/** Every shape of detail a metric can carry beside its value: the one list the snapshot schema, the report model and the renderers read. */
export const BREAKDOWN_KINDS = ['releases', 'cohorts', 'statistics', 'items', 'organisations'] as const;
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number];

/**
 * Detail beside the month's value. `releases`: one row per milestone due in the month (the
 * per-release series); `cohorts`: retention of recent first-time-contributor cohorts; `statistics`:
 * companion figures (p75 beside a median); `items`: what was counted (meetup issues).
 */
export interface Breakdown {
  kind: BreakdownKind;
  items: BreakdownItem[];
}

/**
 * One value for a whole fiscal period so far (first month to this month), collected as a single
 * range: for kinds counted as distinct over the period, where adding months would count a person
 * once per month.
 */
export interface PeriodTotal {
  /** "FY27-Q3" or "FY27" */
  period: string;
  /** "YYYY-MM": the fiscal period's first month, and this month (the range's last). */
  from: string;
  to: string;
  value: number | null;
  /** Why the value is missing. Never contains a secret. */
  reason?: string;
}

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
  /** Per-release series, cohorts, companion statistics or counted items (see Breakdown). */
  breakdown?: Breakdown;
  /** The value is an estimate (derived, rounded or sampled), not an exact count: reports say so. */
  estimate?: boolean;
  /** The fiscal period's distinct total so far (aggregation `distinct` with a quarterly or yearly target). */
  periodTotal?: PeriodTotal;
  /**
   * Set by collection, never by a source: the source answered and there is no value for the
   * period (no MR merged, no manual value) — unlike a failure (an error), asking again gives the same.
   */
  noValue?: boolean;
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
  /**
   * Told, before any collect(), every period this run will ask this metric for, so a source whose
   * API answers a date range split by month asks once for the whole range (a backfill) instead of
   * once a month. Optional; must not throw (failures surface from collect()).
   */
  prefetch?(metric: MetricQuery<Query>, periods: readonly Period[]): void;
}

/**
 * How a kind's monthly values make the total of a fiscal quarter or year (quarterly and yearly
 * targets). `sum`: the months add up (MRs, page views). `distinct`: the same person may be behind
 * several months (contributors), so the total is one value collected for the whole period to date:
 * the collector is called with a period spanning those months. `level`: a state at an instant (the
 * median age of open MRs at the end of the month), so the period's value is its last month's.
 * `none`: no total exists (a median, a percentage, a rolling figure): `check` refuses a quarterly
 * or yearly target, saying `why`.
 */
export type Aggregation = 'sum' | 'distinct' | 'level' | 'none';

/** What one value of a metric covers: a month, or (per-release kinds) the releases due in it. */
export type ValuePer = 'month' | 'release';

type Totalled = { aggregation: 'sum' | 'distinct' | 'level'; why?: undefined };
type NotTotalled = {
  aggregation: 'none';
  /** Completes "a quarterly or yearly total of <kind> does not exist: …", e.g. "medians cannot be added". */
  why: string;
};

/** Everything the rest of the program needs to know about one query kind, besides its schema. */
export type KindTraits = (Totalled | NotTotalled) & {
  /** Default `month`. `release`: targets read "per release" and renderers show the series by release. */
  per?: ValuePer;
  /**
   * Query fields that hold data rather than say what is measured (the manual source's `values`):
   * left out of the definition hash, so adding a month's number does not break the series.
   */
  dataFields?: readonly string[];
  /**
   * Breakdown-row fields that are confidential for every row of this kind (customer names, ARR):
   * dropped from the handbook page, the PI data and every stored snapshot, kept in the email and
   * --out/report.json (see confidential.ts and docs/development-sources.md).
   */
  confidential?: readonly ConfidentialField[];
  /**
   * Set when the kind uses confidential data (customer names, ARR): its metrics are internal
   * (`public: false`) unless the goals file says `public: true`; `check` shows this reason.
   */
  internal?: string;
};

/** When a credential the goals file names stops working, as its API states it. */
export interface TokenExpiry {
  /** The env var holding the credential (never its value). */
  env: string;
  /** "YYYY-MM-DD", or null when the API says the credential does not expire. */
  expiresAt: string | null;
  /** How to renew it, for the warning: "Settings → Access tokens → Rotate in GitLab, or POST /personal_access_tokens/self/rotate". */
  renew: string;
}

/** One entry per kind of the source's query union: the type checker refuses a kind without one. */
export type KindTable<Query extends { kind: string }> = { readonly [K in Query['kind']]: KindTraits };

export interface SourceDefinition<Config extends { type: string }, Query extends { kind: string }> {
  type: Config['type'];
  /** One line for `--help` and the schema. */
  summary: string;
  /** The source's entry under `sources:`, including `type: z.literal(...)`. */
  configSchema: z.ZodType<Config>;
  /**
   * A discriminated union on `kind` of every query this source offers, in the order the docs list
   * them: the one list of the source's kinds (everything else is derived from it).
   */
  querySchema: z.ZodType<Query>;
  /** Aggregation, per-release and data fields of each kind. */
  kinds: KindTable<Query>;
  /**
   * Settings that say how to reach or authenticate to the API, not what it counts (endpoint
   * overrides for proxies and tests, the user an API key acts as): left out of the definition
   * hash, so pointing a test at a fake does not break the series. `*_env` fields always are.
   */
  connectionSettings?: readonly string[];
  /**
   * Hours after a month ends (in the report's time zone) before the API's numbers for it are
   * final (default 0): until then `run` records the source's metrics as unavailable ("data not
   * settled until …") instead of a number that will still change. Cite the API's documentation in
   * docs/sources/<type>.md. The goals file can override it per source (limits.settle_hours).
   */
  settleHours?: number;
  createCollector(ctx: SourceContext, name: string, config: Config): Collector<Query>;
  /**
   * One cheap authenticated call proving the credentials work and the configured resource is
   * visible (run before anything is collected). Throws the HTTP client's PulseError otherwise.
   * Omitted by sources with nothing to check (manual values). `queries` are those of the metrics
   * that use this source (e.g. the GitLab groups to look up).
   */
  verify?(ctx: SourceContext, name: string, config: Config, queries: readonly Query[]): Promise<void>;
  /**
   * The expiry of each credential the source's entry names, where the API states it (GitLab's
   * GET /personal_access_tokens/self). Verify warns from 30 days ahead. Omitted by sources whose
   * API does not say (Google OAuth refresh tokens, service-account keys, Discourse and Plausible
   * API keys). May throw: the failure is logged at debug level and left to verify's own checks.
   */
  tokenExpiry?(ctx: SourceContext, name: string, config: Config): Promise<TokenExpiry[]>;
}

/** A query kind as the registry holds it: derived from its source's query union and kind table. */
export interface RegisteredKind {
  kind: string;
  /** The source type offering it. */
  source: string;
  /** The kind's schema (one option of the source's query union). */
  schema: z.ZodType<{ kind: string }>;
  /** The schema's description: what the number is. */
  description: string;
  aggregation: Aggregation;
  /** Set when aggregation is `none`: why no quarterly or yearly total exists. */
  why: string | undefined;
  per: ValuePer;
  dataFields: readonly string[];
  /** Breakdown-row fields never shown publicly (KindTraits.confidential); empty for most kinds. */
  confidential: readonly ConfidentialField[];
  /** Why the kind's metrics are internal by default (customer names, ARR), or undefined. */
  internal: string | undefined;
}

/** A source with its types erased, as the registry and the pipeline hold it. */
export interface RegisteredSource {
  type: string;
  summary: string;
  configSchema: z.ZodType<{ type: string }>;
  querySchema: z.ZodType<{ kind: string }>;
  /** The kind names, in the order of the query union. */
  kinds: readonly string[];
  /** Each kind's descriptor, in the same order. */
  kindDescriptors: ReadonlyMap<string, RegisteredKind>;
  connectionSettings: readonly string[];
  /** See SourceDefinition.settleHours; 0 when the source's numbers are final when the month ends. */
  settleHours: number;
  createCollector(ctx: SourceContext, name: string, config: unknown): Collector<unknown>;
  verify?(ctx: SourceContext, name: string, config: unknown, queries: readonly unknown[]): Promise<void>;
  tokenExpiry?(ctx: SourceContext, name: string, config: unknown): Promise<TokenExpiry[]>;
}

/** The options of a discriminated union on `kind` with each option's kind name. */
function kindOptions(type: string, schema: z.ZodType): Array<{ kind: string; schema: z.ZodType<{ kind: string }> }> {
  if (!(schema instanceof z.ZodDiscriminatedUnion)) throw new Error(`source ${type}: querySchema must be z.discriminatedUnion('kind', [...])`);
  return schema.options.map((option) => {
    // An option may be an object piped into a transform (defaults that depend on other fields).
    const object = option instanceof z.ZodPipe ? option.in : option;
    const literal = object instanceof z.ZodObject ? object.shape.kind : undefined;
    const [kind, ...more] = literal instanceof z.ZodLiteral ? [...literal.values] : [];
    if (typeof kind !== 'string' || more.length > 0) throw new Error(`source ${type}: every query option needs kind: z.literal('<one name>')`);
    return { kind, schema: option as z.ZodType<{ kind: string }> };
  });
}

function registeredKinds(type: string, querySchema: z.ZodType, table: Readonly<Record<string, KindTraits>>): Map<string, RegisteredKind> {
  const kinds = new Map<string, RegisteredKind>();
  for (const { kind, schema } of kindOptions(type, querySchema)) {
    const traits = table[kind];
    // The types make this impossible for a typed table; a cast or a typo in a test fixture is not.
    if (!traits) throw new Error(`source ${type}: kind "${kind}" has no entry in its kinds table`);
    kinds.set(kind, {
      kind,
      source: type,
      schema,
      description: schema.description ?? '',
      aggregation: traits.aggregation,
      why: traits.why,
      per: traits.per ?? 'month',
      dataFields: traits.dataFields ?? [],
      confidential: traits.confidential ?? [],
      internal: traits.internal,
    });
  }
  const extra = Object.keys(table).filter((kind) => !kinds.has(kind));
  if (extra.length > 0) throw new Error(`source ${type}: kinds table names kinds its query schema lacks: ${extra.join(', ')}`);
  return kinds;
}

/** Erases a source's types; configs and queries are re-parsed at the boundary, never cast. */
export function defineSource<Config extends { type: string }, Query extends { kind: string }>(def: SourceDefinition<Config, Query>): RegisteredSource {
  const kindDescriptors = registeredKinds(def.type, def.querySchema, def.kinds);
  return {
    type: def.type,
    summary: def.summary,
    configSchema: def.configSchema,
    querySchema: def.querySchema,
    kinds: [...kindDescriptors.keys()],
    kindDescriptors,
    connectionSettings: def.connectionSettings ?? [],
    settleHours: def.settleHours ?? 0,
    ...(def.verify
      ? {
          verify: (ctx: SourceContext, name: string, config: unknown, queries: readonly unknown[]) =>
            def.verify?.(
              ctx,
              name,
              def.configSchema.parse(config),
              queries.map((q) => def.querySchema.parse(q)),
            ) ?? Promise.resolve(),
        }
      : {}),
    ...(def.tokenExpiry ? { tokenExpiry: (ctx: SourceContext, name: string, config: unknown) => def.tokenExpiry?.(ctx, name, def.configSchema.parse(config)) ?? Promise.resolve([]) } : {}),
    createCollector: (ctx, name, config) => {
      const collector = def.createCollector(ctx, name, def.configSchema.parse(config));
      const prefetch = collector.prefetch?.bind(collector);
      return {
        collect: (metric, period) => collector.collect({ id: metric.id, query: def.querySchema.parse(metric.query) }, period),
        ...(prefetch
          ? {
              prefetch: (metric: MetricQuery<unknown>, periods: readonly Period[]) => {
                const parsed = def.querySchema.safeParse(metric.query);
                // A query that does not parse fails in collect(), with its message.
                if (parsed.success) prefetch({ id: metric.id, query: parsed.data }, periods);
              },
            }
          : {}),
      };
    },
  };
}
