// gitlab-ci-local does not reject unknown inputs the way GitLab does, so this checks statically:
// every input used in the examples, this project's pipeline, the README and docs/ is declared by the
// component; every declared input has a description and a type its default fits, is used in the
// template, and is in docs/components.md's table for that component.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = join(import.meta.dirname, '../..');

interface InputSpec {
  description?: unknown;
  type?: unknown;
  default?: unknown;
  options?: unknown[];
  regex?: string;
}

function components(): Map<string, { spec: Record<string, InputSpec>; body: string }> {
  const out = new Map<string, { spec: Record<string, InputSpec>; body: string }>();
  for (const file of readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.yml'))) {
    const text = readFileSync(join(ROOT, 'templates', file), 'utf8');
    const [header] = parseAllDocuments(text);
    const spec = (header?.toJS() as { spec: { inputs: Record<string, InputSpec> } }).spec.inputs;
    out.set(file.replace(/\.yml$/, ''), { spec, body: text.slice(text.indexOf('\n---\n')) });
  }
  return out;
}

interface Use {
  where: string;
  component: string;
  inputs: string[];
}

function usesIn(where: string, config: unknown): Use[] {
  const include = (config as { include?: unknown } | null)?.include;
  const items = Array.isArray(include) ? include : include ? [include] : [];
  return items.flatMap((item: { component?: string; inputs?: Record<string, unknown> }) => {
    const name = item.component && /\/([a-z0-9-]+)@[^/]+$/.exec(item.component)?.[1];
    return name ? [{ where, component: name, inputs: Object.keys(item.inputs ?? {}) }] : [];
  });
}

function allUses(): Use[] {
  const files = [
    ...readdirSync(join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.gitlab-ci.yml'))
      .map((f) => `examples/${f}`),
    ...readdirSync(join(ROOT, 'templates-ci'))
      .filter((f) => f.endsWith('.yml'))
      .map((f) => `templates-ci/${f}`),
    '.gitlab-ci.yml',
  ];
  const uses = files.flatMap((f) => usesIn(f, parse(readFileSync(join(ROOT, f), 'utf8'), { logLevel: 'error' }))); // !reference is GitLab's tag
  for (const doc of ['README.md', ...markdownUnder('docs')]) {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    // Only blocks that include something: the goals-file examples in docs/ are not pipelines.
    for (const [, block] of text.matchAll(/```yaml\n([\s\S]*?)```/g)) if (/^include:/m.test(block ?? '')) uses.push(...usesIn(doc, parse(block ?? '')));
  }
  return uses;
}

function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownUnder(`${dir}/${e.name}`) : e.name.endsWith('.md') ? [`${dir}/${e.name}`] : []));
}

/** The input names in docs/components.md's table under the `## \`name\`` heading. */
function docsTable(name: string): string[] {
  const doc = readFileSync(join(ROOT, 'docs/components.md'), 'utf8');
  const start = doc.indexOf(`\n## \`${name}\``);
  expect(start, `docs/components.md has a section for ${name}`).toBeGreaterThan(-1);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1] ?? '');
}

const TYPES = { string: 'string', number: 'number', boolean: 'boolean', array: 'object' } as const;

describe('component inputs', () => {
  const all = components();

  it('the components are report and goals-check', () => {
    expect([...all.keys()].sort()).toEqual(['goals-check', 'report']);
  });

  for (const [name, { spec, body }] of all) {
    it(`${name}: every input has a description, a type and a default that fits them`, () => {
      for (const [key, input] of Object.entries(spec)) {
        expect(typeof input.description === 'string' && input.description.length > 20, `${name}.${key} description`).toBe(true);
        expect(Object.keys(TYPES), `${name}.${key} type`).toContain(input.type);
        expect(typeof input.default, `${name}.${key} default`).toBe(TYPES[input.type as keyof typeof TYPES]);
        if (input.regex) expect(String(input.default), `${name}.${key} default vs regex`).toMatch(new RegExp(input.regex));
        if (input.options) expect(input.options, `${name}.${key} default in options`).toContain(input.default);
      }
    });

    it(`${name}: the template uses exactly the declared inputs`, () => {
      const used = new Set([...body.matchAll(/\$\[\[\s*inputs\.([a-z_]+)/g)].map((m) => m[1]));
      expect([...used].sort()).toEqual(Object.keys(spec).sort());
    });

    it(`${name}: the table in docs/components.md lists exactly the declared inputs`, () => {
      expect(docsTable(name).sort()).toEqual(Object.keys(spec).sort());
    });
  }

  it('every input given in the examples, this pipeline, the README and docs/ is declared', () => {
    const uses = allUses();
    expect(new Set(uses.map((u) => u.component))).toEqual(new Set(['report', 'goals-check']));
    for (const use of uses) {
      const spec = all.get(use.component)?.spec ?? {};
      for (const key of use.inputs) expect(Object.keys(spec), `${use.where}: ${use.component} input ${key}`).toContain(key);
    }
  });
});
