import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
      expect(responseImports.filter((spec) => spec.includes('/fields/')), `${type}/responses.ts`).toEqual([]);
      // Only zod and the shared answer rules: a response shape needs nothing else of the source.
      expect(responseImports.filter((spec) => spec !== 'zod' && spec !== '../boundary.ts'), `${type}/responses.ts`).toEqual([]);
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
