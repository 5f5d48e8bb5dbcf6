// Rules that span fields: source types and their settings, metric → source references, query kinds
// per source type, unique ids. They run on the raw YAML value even when the base schema fails, so
// one `check` reports every problem at once (changesets' config/src/parse.ts does the same).
import { sourceFor, sources } from '../sources/index.ts';
import { type GoalsIssue, issuesFromZod } from './issues.ts';
import { periodTargetIssues } from './period-target-rules.ts';
import { settleHoursIssues } from './settle-rules.ts';
import { internalByDefault } from './confidential.ts';

export type { GoalsIssue, IssuePath } from './issues.ts';

export interface ParsedPieces {
  /** Source name → its config, parsed (defaults applied) by its type's schema. */
  sources: Map<string, { type: string }>;
  /** Metric index → its query, parsed by its source type's schema. */
  queries: Map<number, { kind: string }>;
  /** Metric indexes that are `public: false` by default: confidential kinds without an explicit `public:` (confidential.ts). */
  internal?: Set<number>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const knownTypes = () => [...sources.keys()].join(', ');

export function checkRules(raw: unknown): { issues: GoalsIssue[]; parsed: ParsedPieces } {
  const issues: GoalsIssue[] = [];
  const parsed: ParsedPieces = { sources: new Map(), queries: new Map(), internal: new Set() };
  if (!isRecord(raw)) return { issues, parsed };

  const sourceTypes = new Map<string, string>();
  if (isRecord(raw.sources)) {
    for (const [name, entry] of Object.entries(raw.sources)) {
      if (!isRecord(entry) || typeof entry.type !== 'string') continue; // the base schema reports it
      const source = sourceFor(entry.type);
      if (!source) {
        issues.push({ path: ['sources', name, 'type'], message: `unknown source type "${entry.type}"; known types: ${knownTypes()}` });
        continue;
      }
      sourceTypes.set(name, entry.type);
      const result = source.configSchema.safeParse(entry);
      if (result.success) parsed.sources.set(name, result.data);
      else issues.push(...issuesFromZod(['sources', name], result.error));
    }
  }

  if (Array.isArray(raw.metrics)) {
    const firstIndexOfId = new Map<string, number>();
    raw.metrics.forEach((metric: unknown, index) => {
      if (!isRecord(metric)) return;
      if (typeof metric.id === 'string') {
        const first = firstIndexOfId.get(metric.id);
        if (first === undefined) firstIndexOfId.set(metric.id, index);
        else issues.push({ path: ['metrics', index, 'id'], message: `duplicate metric id "${metric.id}" (already used by metrics[${first}]); ids must be unique` });
      }
      if (typeof metric.source !== 'string') return;
      const type = sourceTypes.get(metric.source);
      if (type === undefined) {
        const declared = isRecord(raw.sources) ? Object.keys(raw.sources) : [];
        if (!declared.includes(metric.source)) {
          issues.push({
            path: ['metrics', index, 'source'],
            message: `no source named "${metric.source}" under sources:${declared.length ? ` (defined: ${declared.join(', ')})` : ' (none defined)'}`,
          });
        }
        return; // a source with a bad type is reported where it is defined
      }
      const source = sourceFor(type);
      if (!source || !isRecord(metric.query) || typeof metric.query.kind !== 'string') return;
      if (!source.kinds.includes(metric.query.kind)) {
        issues.push({
          path: ['metrics', index, 'query', 'kind'],
          message: `source "${metric.source}" (type ${type}) has no query kind "${metric.query.kind}"; kinds: ${source.kinds.join(', ')}`,
        });
        return;
      }
      const result = source.querySchema.safeParse(metric.query);
      if (result.success) parsed.queries.set(index, result.data);
      else issues.push(...issuesFromZod(['metrics', index, 'query'], result.error));
      if (internalByDefault(metric, type, metric.query.kind)) parsed.internal?.add(index);
    });
  }
  issues.push(...periodTargetIssues(raw));
  issues.push(...settleHoursIssues(raw));
  return { issues, parsed };
}
