// What a metric's number means, as a hash: the source type, the source settings that change what is
// counted, and the parsed query without the fields a source declares as data (manual values). Two
// snapshots with the same hash measured the same thing; a different hash marks a break in the
// series (no deltas across it) and makes `backfill` re-collect.
import { createHash } from 'node:crypto';
import type { Goals, GoalsMetric, SourceConfig } from '../goals/goals.ts';
import { sourceFor } from '../sources/index.ts';
import { canonicalJson } from './canonical.ts';

/**
 * Settings that say how to reach or authenticate to an API, not what it counts: `*_env` names
 * (credentials) always, and each source's declared connection settings (the user an API key acts
 * as, endpoint overrides meant for proxies and tests). Everything else (url of a GitLab instance,
 * GA4 property, Plausible site, YouTube channel, the presence of an `oauth` block) is part of the
 * definition.
 */
function meaningfulSettings(value: unknown, connection: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => meaningfulSettings(v, connection));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('_env') || connection.has(key)) continue;
    out[key] = meaningfulSettings(v, connection);
  }
  return out;
}

/** The part of a source config that is hashed; exported so tests and docs can show it. */
export function definitionOf(config: SourceConfig | undefined, query: GoalsMetric['query']): unknown {
  const source = config ? sourceFor(config.type) : undefined;
  const settings = config ? meaningfulSettings(config, new Set(source?.connectionSettings ?? [])) : {};
  // Query fields that hold data (the manual source's `values`) say nothing about what is measured.
  const data = new Set(source?.kindDescriptors.get(query.kind)?.dataFields ?? []);
  const meaning = Object.fromEntries(Object.entries(query).filter(([key]) => !data.has(key)));
  return { source: settings, query: meaning };
}

/** sha256 (hex) of the canonical JSON of the metric's source type, meaningful settings and parsed query. */
export function definitionHash(goals: Goals, metric: GoalsMetric): string {
  const config = goals.sources[metric.source];
  return createHash('sha256')
    .update(canonicalJson(definitionOf(config, metric.query)))
    .digest('hex');
}
