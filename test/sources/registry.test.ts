import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedTables } from '../../src/sources/docs-tables.ts';
import { sources } from '../../src/sources/index.ts';

const sourcesDir = join(import.meta.dirname, '../../src/sources');

const filesOf = (type: string) => readdirSync(join(sourcesDir, type));
const codeOf = (type: string) => filesOf(type).filter((f) => f.endsWith('.ts'));
const read = (type: string, file: string) => readFileSync(join(sourcesDir, type, file), 'utf8');
/** The folder's own module specifiers (`./x.ts`, `../boundary.ts`, …), type-only imports included. */
const importsOf = (text: string) => [...text.matchAll(/\bfrom\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
/** A source that sends requests: some file of its folder uses the run's HTTP client. */
const callsAnApi = (type: string) => codeOf(type).some((file) => /\bctx\.http\b/.test(read(type, file)));

/**
 * Sources whose calls are split by API instead of one api.ts; their README's "Files" section names
 * these files.
 */
const CALL_FILES: Record<string, readonly string[]> = { youtube: ['analytics.ts', 'lifetime.ts'] };

describe('source registry', () => {
  it('registers every folder under src/sources/ (one folder per source type, nothing else)', () => {
    const folders = readdirSync(sourcesDir).filter((entry) => statSync(join(sourcesDir, entry)).isDirectory());
    expect([...sources.keys()].sort()).toEqual(folders.sort());
  });

  it('gives every source folder the same vocabulary: config.ts, index.ts, README.md', () => {
    for (const type of sources.keys()) expect(filesOf(type), type).toEqual(expect.arrayContaining(['config.ts', 'index.ts', 'README.md']));
  });

  it('gives every source that calls an API its calls (api.ts) and the shapes of the answers (responses.ts)', () => {
    const calling = [...sources.keys()].filter(callsAnApi);
    // The detection itself: every source but the hand-typed one sends requests.
    expect(calling.sort()).toEqual([...sources.keys()].filter((t) => t !== 'manual').sort());
    for (const type of calling) {
      expect(filesOf(type), type).toContain('responses.ts');
      const callFiles = CALL_FILES[type];
      if (callFiles === undefined) {
        expect(filesOf(type), type).toContain('api.ts');
        continue;
      }
      expect(filesOf(type), type).toEqual(expect.arrayContaining([...callFiles]));
      for (const file of callFiles) expect(read(type, 'README.md'), `${type}/README.md names ${file}`).toContain(`\`${file}\``);
    }
  });

  it('keeps zod shapes in config.ts (goals file) and responses.ts (API answers) only', () => {
    for (const type of sources.keys()) {
      for (const file of codeOf(type)) {
        if (file === 'config.ts' || file === 'responses.ts') continue;
        const text = read(type, file);
        // A schema built here would be a goals-file or an API shape outside its file.
        expect(text.match(/\bz\.[a-zA-Z]+\(/g) ?? [], `${type}/${file} builds a zod schema`).toEqual([]);
        expect(text, `${type}/${file} imports zod for more than types`).not.toMatch(/import\s*\{[^}]*\bz\b[^}]*\}\s*from\s*['"]zod['"]/);
      }
    }
  });

  it('keeps the two vocabularies apart: config.ts uses no response rule, responses.ts no goals-file field', () => {
    for (const type of sources.keys()) {
      const configImports = importsOf(read(type, 'config.ts'));
      expect(configImports, `${type}/config.ts`).not.toContain('./responses.ts');
      // boundary.ts holds what an API answer must satisfy (counts, links, capped text).
      expect(configImports, `${type}/config.ts`).not.toContain('../boundary.ts');
      if (!filesOf(type).includes('responses.ts')) continue;
      const responseImports = importsOf(read(type, 'responses.ts'));
      expect(responseImports, `${type}/responses.ts`).not.toContain('./config.ts');
      expect(
        responseImports.filter((spec) => spec.includes('/fields/')),
        `${type}/responses.ts`,
      ).toEqual([]);
      // Only zod and the shared answer rules: a response shape needs nothing else of the source.
      expect(
        responseImports.filter((spec) => spec !== 'zod' && spec !== '../boundary.ts'),
        `${type}/responses.ts`,
      ).toEqual([]);
    }
  });

  it('names a type beside every exported response schema (type X = z.infer<typeof X>)', () => {
    for (const type of sources.keys()) {
      if (!filesOf(type).includes('responses.ts')) continue;
      const text = read(type, 'responses.ts');
      const schemas = [...text.matchAll(/^export const (\w+)\s*=/gm)].map((m) => m[1] ?? '');
      expect(schemas.length, type).toBeGreaterThan(0);
      for (const name of schemas) expect(text, `${type}/responses.ts: ${name}`).toMatch(new RegExp(`^export type \\w+ = z\\.infer<typeof ${name}>;`, 'm'));
    }
  });

  it('gives every source a page for users in docs/sources/, a summary and at least one query kind', () => {
    const docsDir = join(import.meta.dirname, '../../docs');
    const goalsFile = readFileSync(join(docsDir, 'goals-file.md'), 'utf8');
    for (const [type, source] of sources) {
      // The package ships docs/, not src/: what a user needs to configure a source lives there,
      // and the goals-file reference links it from the source's row; the folder's README.md is
      // the developer note.
      const page = readFileSync(join(docsDir, 'sources', `${type}.md`), 'utf8');
      expect(page, `docs/sources/${type}.md names the source type`).toContain(`type: ${type}`);
      for (const kind of source.kinds) expect(page, `docs/sources/${type}.md documents kind ${kind}`).toContain(`\`${kind}\``);
      expect(goalsFile, `docs/goals-file.md links docs/sources/${type}.md`).toContain(`(sources/${type}.md)`);
      expect(filesOf(type), type).toContain('README.md');
      expect(source.summary.length, type).toBeGreaterThan(10);
      expect(source.kinds.length, type).toBeGreaterThan(0);
    }
  });
});

describe('kind descriptors', () => {
  it("derive each source's kinds from its query union, in its order, each with a descriptor", () => {
    for (const [type, source] of sources) {
      expect([...source.kindDescriptors.keys()], type).toEqual(source.kinds);
      for (const kind of source.kindDescriptors.values()) {
        expect(kind.source, `${type} ${kind.kind}`).toBe(type);
        expect(kind.description.length, `${type} ${kind.kind} is described`).toBeGreaterThan(10);
        expect(kind.schema.safeParse({ kind: 'not-this-kind' }).success, `${type} ${kind.kind}`).toBe(false);
        // A kind whose months make no total says why, for `check` to tell the user.
        if (kind.aggregation === 'none') expect(kind.why?.length ?? 0, `${type} ${kind.kind} says why`).toBeGreaterThan(10);
        else expect(kind.why, `${type} ${kind.kind}`).toBeUndefined();
      }
    }
  });

  it('state how the months of the kinds that are not plain counts make a total', () => {
    const aggregation = (type: string, kind: string) => sources.get(type)?.kindDescriptors.get(kind)?.aggregation;
    expect(aggregation('gitlab', 'merged_mr_authors')).toBe('distinct');
    expect(aggregation('gitlab', 'returning_contributors')).toBe('distinct');
    expect(aggregation('gitlab', 'merged_mrs')).toBe('sum');
    expect(aggregation('gitlab', 'open_mr_age')).toBe('level');
    expect(aggregation('gitlab', 'time_to_merge')).toBe('none');
    expect(aggregation('gitlab', 'contributor_retention')).toBe('none');
    expect(aggregation('discourse', 'active_users')).toBe('none');
    expect(aggregation('ga4', 'visitors')).toBe('none');
    expect(aggregation('plausible', 'pageviews')).toBe('sum');
  });

  it('mark the per-release kind and the manual values as data (the evaluate and hash rules read these)', () => {
    const perRelease = [...sources.values()]
      .flatMap((s) => [...s.kindDescriptors.values()])
      .filter((k) => k.per === 'release')
      .map((k) => `${k.source}.${k.kind}`);
    expect(perRelease).toEqual(['gitlab.merged_mrs_per_milestone']);
    expect(sources.get('manual')?.kindDescriptors.get('value')?.dataFields).toEqual(['values']);
  });

  it('no source declares credential env names any more (the goals rules find every *_env field)', () => {
    for (const source of sources.values()) expect(Object.keys(source)).not.toContain('secretEnvNames');
  });
});

const ROOT = join(import.meta.dirname, '../..');

/** README.md and every Markdown file under docs/. */
function docFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : entry.endsWith('.md') ? [path] : [];
    });
  return [join(ROOT, 'README.md'), ...(existsSync(join(ROOT, 'docs')) ? walk(join(ROOT, 'docs')) : [])];
}

const blockRe = (name: string) => new RegExp(`(<!-- ${name} -->\\n)([\\s\\S]*?)\\n?(<!-- /${name} -->)`, 'g');

describe('docs tables', () => {
  // UPDATE_DOCS_TABLES=1 npm exec -- vitest run test/sources/registry.test.ts rewrites the blocks.
  it('match the registry wherever a <!-- sources-table --> or <!-- kinds-table --> block sits (README.md, docs/)', () => {
    const tables = generatedTables(sources.values());
    const found = new Map<string, string[]>();
    for (const file of docFiles()) {
      let text = readFileSync(file, 'utf8');
      for (const [name, table] of Object.entries(tables)) {
        for (const match of text.matchAll(blockRe(name))) {
          found.set(name, [...(found.get(name) ?? []), relative(ROOT, file)]);
          if (process.env.UPDATE_DOCS_TABLES !== '1') expect(match[2], `${relative(ROOT, file)}: the ${name} block (regenerate: UPDATE_DOCS_TABLES=1 npm exec -- vitest run test/sources/registry.test.ts)`).toBe(table);
        }
        if (process.env.UPDATE_DOCS_TABLES === '1') text = text.replace(blockRe(name), (_all, open: string, _old: string, close: string) => `${open}${table}\n${close}`);
      }
      if (process.env.UPDATE_DOCS_TABLES === '1') writeFileSync(file, text);
    }
    expect([...found.keys()].sort(), 'every generated table is shown somewhere').toEqual(Object.keys(tables).sort());
  });

  it("state every kind's quarterly / yearly aggregation in the kinds table", () => {
    const table = generatedTables(sources.values())['kinds-table'];
    for (const source of sources.values()) {
      for (const kind of source.kindDescriptors.values()) expect(table, `${source.type} ${kind.kind}`).toContain(`| \`${kind.kind}\` |`);
    }
    expect(table).toMatch(/\| `merged_mr_authors` \| `gitlab` \| month \| distinct over the period/);
    expect(table).toMatch(/\| `time_to_merge` \| `gitlab` \| month \| none — no quarterly or yearly target: medians/);
    expect(table).toMatch(/\| `pageviews` \| `ga4`, `plausible` \| month \| sum of the months/);
    expect(table).toMatch(/\| `merged_mrs_per_milestone` \| `gitlab` \| release \|/);
  });
});
