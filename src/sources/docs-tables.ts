// The docs' tables of sources and query kinds, generated from the registry so they cannot drift:
// a test compares every block between `<!-- sources-table -->` / `<!-- kinds-table -->` markers
// in README.md and docs/ with what these functions print.
import type { Aggregation, RegisteredKind, RegisteredSource } from './types.ts';

/** A table cell: pipes escaped, line breaks folded, so any description stays one cell. */
const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

const AGGREGATION_WORDS: Record<Exclude<Aggregation, 'none'>, string> = {
  sum: 'sum of the months',
  distinct: 'distinct over the period (one value collected for the whole quarter or year so far)',
  level: 'value at the period end (its latest month)',
};

/** How a kind's quarterly or yearly total is made, in words. */
export function aggregationWords(kind: RegisteredKind): string {
  return kind.aggregation === 'none' ? `none — no quarterly or yearly target: ${kind.why ?? ''}` : AGGREGATION_WORDS[kind.aggregation];
}

/** | type | query kinds | what it reads | details | (no links: the same block may sit in README.md or docs/) */
export function sourcesTable(sources: Iterable<RegisteredSource>): string {
  const rows = [...sources].map((s) => `| \`${s.type}\` | ${s.kinds.map((k) => `\`${k}\``).join(', ')} | ${cell(s.summary)} | \`docs/sources/${s.type}.md\` |`);
  return ['| `type` | query kinds | what it reads | details |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/**
 * | kind | source types | value per | quarterly / yearly total | what it measures |: one row per
 * kind name and schema (ga4 and plausible share theirs, so they share a row).
 */
export function kindsTable(sources: Iterable<RegisteredSource>): string {
  const rows = new Map<string, { kind: RegisteredKind; types: string[] }>();
  for (const source of sources) {
    for (const kind of source.kindDescriptors.values()) {
      const key = `${kind.kind}\u0000${kind.description}\u0000${kind.aggregation}`;
      const row = rows.get(key);
      if (row) row.types.push(source.type);
      else rows.set(key, { kind, types: [source.type] });
    }
  }
  const lines = [...rows.values()].map(({ kind, types }) => `| \`${kind.kind}\` | ${types.map((t) => `\`${t}\``).join(', ')} | ${kind.per} | ${cell(aggregationWords(kind))} | ${cell(kind.description)} |`);
  return ['| `kind` | source types | value per | quarterly / yearly total | what it measures |', '| --- | --- | --- | --- | --- |', ...lines].join('\n');
}

/** The marked blocks this module generates, by marker name. */
export function generatedTables(sources: Iterable<RegisteredSource>): Record<'sources-table' | 'kinds-table', string> {
  const list = [...sources];
  return { 'sources-table': sourcesTable(list), 'kinds-table': kindsTable(list) };
}
