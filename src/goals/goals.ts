// The goals file after every rule passed: source configs and metric queries parsed by their own
// source's schema, defaults applied. Everything downstream takes this type.
import type { ChatPublish, EmailPublish, HandbookPublish, Metric, RawGoals, Report } from './schema.ts';
import type { ParsedPieces } from './rules.ts';

export interface SourceConfig {
  type: string;
  [setting: string]: unknown;
}

export interface GoalsMetric extends Omit<Metric, 'query'> {
  query: { kind: string; [field: string]: unknown };
}

export interface Goals {
  version: 1;
  report: Report;
  sources: Record<string, SourceConfig>;
  metrics: GoalsMetric[];
  publish: { handbook?: HandbookPublish | undefined; email?: EmailPublish | undefined; slack?: ChatPublish | undefined; teams?: ChatPublish | undefined };
  /** Optional so hand-built Goals (tests, other tools) need not spell the defaults. */
  security?: RawGoals['security'] | undefined;
  limits?: RawGoals['limits'] | undefined;
}

export function assembleGoals(raw: RawGoals, parsed: ParsedPieces): Goals {
  // No prototype: a source named like an Object.prototype member can never resolve to one.
  const sources: Record<string, SourceConfig> = Object.create(null) as Record<string, SourceConfig>;
  for (const [name, config] of parsed.sources) sources[name] = config;
  return {
    version: raw.version,
    report: raw.report,
    sources,
    metrics: raw.metrics.map((metric, index) => ({ ...metric, query: parsed.queries.get(index) ?? metric.query, public: parsed.internal?.has(index) === true ? false : metric.public })),
    publish: raw.publish,
    security: raw.security,
    limits: raw.limits,
  };
}
