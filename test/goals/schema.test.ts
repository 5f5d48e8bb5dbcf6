// The JSON Schema editors autocomplete from: committed as goals.schema.json, generated from zod.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goalsJsonSchema, goalsJsonSchemaText } from '../../src/goals/json-schema.ts';
import { sources } from '../../src/sources/index.ts';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object property in the schema, with its JSON pointer-ish path. */
function properties(node: unknown, path = ''): Array<{ path: string; schema: Json }> {
  if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${path}[${i}]`));
  if (!isJson(node)) return [];
  const own = isJson(node.properties) ? Object.entries(node.properties).map(([k, v]) => ({ path: `${path}.${k}`, schema: isJson(v) ? v : {} })) : [];
  return [...own, ...Object.entries(node).flatMap(([k, v]) => properties(v, `${path}.${k}`))];
}

describe('goals.schema.json', () => {
  it('equals what `community-pulse schema` generates (regenerate: node src/cli.ts schema > goals.schema.json)', () => {
    const committed = readFileSync(new URL('../../goals.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(goalsJsonSchemaText());
  });

  it('describes every field', () => {
    const missing = properties(goalsJsonSchema()).filter((p) => typeof p.schema.description !== 'string' || p.schema.description === '');
    expect(missing.map((p) => p.path)).toEqual([]);
  });

  it('offers every source type and every query kind, so editors can complete them', () => {
    const text = goalsJsonSchemaText();
    const schema = JSON.parse(text) as Json;
    const all = properties(schema);
    const types = all.filter((p) => p.path.endsWith('.type') && typeof p.schema.const === 'string').map((p) => p.schema.const);
    const kinds = all.filter((p) => p.path.endsWith('.kind') && typeof p.schema.const === 'string').map((p) => p.schema.const);
    expect(new Set(types)).toEqual(new Set(sources.keys()));
    expect(new Set(kinds)).toEqual(new Set([...sources.values()].flatMap((s) => s.kinds)));
  });

  it('treats defaulted fields as optional (io: input)', () => {
    const report = properties(goalsJsonSchema()).find((p) => p.path === '.report');
    expect(report?.schema.required).toEqual(['title', 'org', 'base_path']);
  });
});
