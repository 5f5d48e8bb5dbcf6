// The goals file's JSON Schema, for editors (`# yaml-language-server: $schema=...`). The runtime
// schema reads source entries and queries loosely (rules.ts parses them by type, for one clear
// error); here they are spelled out as anyOf every source type's config and every query kind, so
// editors can autocomplete `type:`, `kind:` and the fields that go with them.
import { z } from 'zod';
import { sources } from '../sources/index.ts';
import { slug } from '../fields/fields.ts';
import { goalsSchema, metricSchema } from './schema.ts';

/** A discriminated union's options, or the schema itself: one flat anyOf reads better in editors. */
function options(schema: z.core.$ZodType): z.core.$ZodType[] {
  return schema instanceof z.ZodDiscriminatedUnion ? [...schema.options] : [schema];
}

function unionOf(schemas: z.core.$ZodType[], description: string): z.core.$ZodType {
  const unique = [...new Set(schemas)]; // ga4 and plausible share one query schema
  const [first, second, ...rest] = unique;
  if (!first) throw new Error('no source is registered');
  if (!second) return first;
  return z.union([first, second, ...rest]).describe(description);
}

export function editorSchema() {
  const registered = [...sources.values()];
  const sourceEntry = unionOf(
    registered.map((s) => s.configSchema),
    'A named connection to an API; `type` selects which. Credentials only as env var names (`*_env`).',
  );
  const query = unionOf(
    registered.flatMap((s) => options(s.querySchema)),
    'What to measure; `kind` selects which, and the kinds depend on the source type.',
  );
  return goalsSchema.extend({
    sources: z.record(slug('Source name, referenced by metrics.'), sourceEntry).describe(goalsSchema.shape.sources.description ?? 'Named API connections.'),
    metrics: z
      .array(metricSchema.extend({ query }).describe(metricSchema.description ?? 'One performance indicator.'))
      .min(1)
      .describe(goalsSchema.shape.metrics.description ?? 'The performance indicators.'),
  });
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The discriminators (`type: gitlab`, `kind: views`) are bare literals in the source schemas; an
 * editor shows the description of the field under the cursor, so give each one its branch's.
 */
function describeDiscriminators(branches: unknown, key: 'type' | 'kind', label: string): void {
  if (!Array.isArray(branches)) return;
  for (const branch of branches) {
    if (!isJson(branch) || !isJson(branch.properties)) continue;
    const field = branch.properties[key];
    if (isJson(field) && field.description === undefined && field.const !== undefined) {
      field.description = `${label} ${String(field.const)}: ${typeof branch.description === 'string' ? branch.description : ''}`.trim();
    }
  }
}

/** JSON Schema draft-07: the draft the YAML language server and VS Code understand best. */
export function goalsJsonSchema(): Json {
  const schema: Json = z.toJSONSchema(editorSchema(), { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  const props = isJson(schema.properties) ? schema.properties : {};
  const sourceEntries = isJson(props.sources) && isJson(props.sources.additionalProperties) ? props.sources.additionalProperties.anyOf : undefined;
  describeDiscriminators(sourceEntries, 'type', 'Source type');
  const metric = isJson(props.metrics) && isJson(props.metrics.items) && isJson(props.metrics.items.properties) ? props.metrics.items.properties : {};
  describeDiscriminators(isJson(metric.query) ? metric.query.anyOf : undefined, 'kind', 'Query kind');
  return schema;
}

/** Exactly what `community-pulse schema` prints and goals.schema.json holds. */
export function goalsJsonSchemaText(): string {
  return `${JSON.stringify(goalsJsonSchema(), null, 2)}\n`;
}
