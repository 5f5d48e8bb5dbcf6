// What adding a source costs. test/sources/new-source/ is a source folder shaped like those under
// src/sources/ (config.ts, api.ts, responses.ts, index.ts, README.md); registering it through the
// public registry API, the run-time twin of its one line in src/sources/index.ts, is enough for
// every part of the program that lists sources or kinds to know it. Nothing else is edited here,
// and each `it` below is a place that had to be edited by hand before the registry derived it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectMetrics } from '../../src/collect/collect.ts';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { isPulseError } from '../../src/errors.ts';
import { goalsJsonSchemaText } from '../../src/goals/json-schema.ts';
import { parseGoals } from '../../src/goals/load.ts';
import { buildSnapshot } from '../../src/history/build.ts';
import { definitionOf } from '../../src/history/definition.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { memoryLogger } from '../../src/log.ts';
import { periodOf } from '../../src/periods/periods.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { generatedTables } from '../../src/sources/docs-tables.ts';
import { registerSource, sources } from '../../src/sources/index.ts';
import { server } from '../msw-server.ts';
import { tallySource } from './new-source/index.ts';

const FOLDER = join(import.meta.dirname, 'new-source');
const DOC = join(import.meta.dirname, '../../docs/development-sources.md');
const API = 'https://tally.test';

function goalsText(metric: string): string {
  return [
    'version: 1',
    'report: { title: T, org: O, base_path: /x/, fiscal_year_start: 2 }',
    'sources:',
    `  tally: { type: tally, workspace: devrel, token_env: PULSE_TALLY_TOKEN, api_url: "${API}" }`,
    'metrics:',
    `  - { id: m, name: M, definition: D., source: tally, ${metric} }`,
    '',
  ].join('\n');
}

function problems(text: string): string[] {
  try {
    parseGoals(text, 'goals.yml');
    return [];
  } catch (error) {
    if (!isPulseError(error)) throw error;
    return [...error.details];
  }
}

let unregister: () => void = () => undefined;
beforeAll(() => {
  unregister = registerSource(tallySource);
});
afterAll(() => unregister());

describe('a new source: its folder plus one registry line', () => {
  it('is a folder of five files, the vocabulary of every source folder', () => {
    expect(readdirSync(FOLDER).sort()).toEqual(['README.md', 'api.ts', 'config.ts', 'index.ts', 'responses.ts']);
  });

  it('touches 8 files in all, as docs/development-sources.md says: the 5 of its folder, the registry line, and 2 generated files', () => {
    const generated = ['goals.schema.json', 'docs/query-kinds.md'];
    const total = readdirSync(FOLDER).length + 1 + generated.length;
    expect(total).toBe(8);
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toContain(`**${total} files**`);
    for (const file of ['src/sources/index.ts', ...generated]) expect(doc, file).toContain(file);
  });

  it('is registered (and a type is registered once)', () => {
    expect(sources.get('tally')?.kinds).toEqual(['events', 'people', 'queue_age', 'wait_median', 'items_per_release']);
    expect(() => registerSource(tallySource)).toThrow('already registered');
  });

  it('check: knows its type, its kinds and their fields', () => {
    expect(problems(goalsText('query: { kind: events }, target: { monthly: 10 }'))).toEqual([]);
    expect(problems(goalsText('query: { kind: signups }'))).toEqual([expect.stringContaining('source "tally" (type tally) has no query kind "signups"; kinds: events, people, queue_age, wait_median, items_per_release')]);
    expect(problems(goalsText('query: { kind: events, tag: x }'))).toEqual([expect.stringContaining('unknown key "tag"')]);
  });

  it('check: refuses a quarterly target on its median kind, and accepts one on the others', () => {
    expect(problems(goalsText('query: { kind: wait_median }, target: { quarterly: 10 }'))).toEqual([
      expect.stringMatching(/^goals\.yml:6:\d+: metrics\[0\]\.target\.quarterly a quarterly target needs a quarter's total, and wait_median has none: medians cannot be added/),
    ]);
    for (const kind of ['events', 'people', 'queue_age', 'items_per_release']) expect(problems(goalsText(`query: { kind: ${kind} }, target: { quarterly: 10 }`)), kind).toEqual([]);
  });

  it('the JSON Schema offers its type and kinds', () => {
    const schema = goalsJsonSchemaText();
    expect(schema).toContain('"const": "tally"');
    for (const kind of tallySource.kinds) expect(schema, kind).toContain(`"const": "${kind}"`);
  });

  it("the docs tables list it, with each kind's aggregation", () => {
    const tables = generatedTables(sources.values());
    expect(tables['sources-table']).toContain('| `tally` | `events`, `people`, `queue_age`, `wait_median`, `items_per_release` |');
    expect(tables['kinds-table']).toContain('| `people` | `tally` | month | distinct over the period');
    expect(tables['kinds-table']).toContain('| `wait_median` | `tally` | month | none — no quarterly or yearly target: medians cannot be added');
  });

  it('the definition hash leaves out its connection settings and credentials', () => {
    const config = { type: 'tally', workspace: 'devrel', token_env: 'PULSE_TALLY_TOKEN', api_url: API };
    expect(definitionOf(config, { kind: 'events' })).toEqual({ source: { type: 'tally', workspace: 'devrel' }, query: { kind: 'events' } });
  });

  it('evaluate reads its per-release kind as "per release"', () => {
    const { goals } = parseGoals(goalsText('query: { kind: items_per_release }, target: { monthly: 10 }'), 'goals.yml');
    const period = { year: 2026, month: 10 };
    const snapshot = buildSnapshot({ goals, period, outcomes: new Map([['m', { value: 12, status: 'ok' as const }]]), generatedAt: new Date('2026-11-02T06:00:00Z'), generator: 'test' });
    expect(evaluate({ goals, period, snapshot, history: new Map() }).report.metrics[0]?.target.words).toBe('At least 10 per release');
  });

  it('the collection step asks its distinct kind for the quarter so far in one request', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${API}/v1/workspaces/devrel/:kind`, ({ request, params }) => {
        const url = new URL(request.url);
        asked.push(`${String(params.kind)} ${url.searchParams.get('from') ?? ''}..${url.searchParams.get('to') ?? ''}`);
        if (request.headers.get('authorization') !== 'Bearer tally-secret') return HttpResponse.json({ message: 'no' }, { status: 401 });
        // Monthly answers 5; the quarter so far (three months) 7: people repeat across months.
        return HttpResponse.json({ value: url.searchParams.get('from') === '2026-08-01' && url.searchParams.get('to') === '2026-10-31' ? 7 : 5 });
      }),
    );
    const { goals } = parseGoals(goalsText('query: { kind: people }, target: { quarterly: 20 }'), 'goals.yml');
    const masker = new SecretMasker();
    const log = memoryLogger();
    const now = new Date('2026-11-02T06:00:00Z');
    const httpClient = createHttpClient({ masker, log, sleep: async () => {}, now: () => now.getTime(), random: () => 0.5 });
    const collected = await collectMetrics(goals, [{ period: periodOf({ year: 2026, month: 10 }, 'UTC') }], { http: httpClient, env: { PULSE_TALLY_TOKEN: 'tally-secret' }, masker, log, now: () => now });
    expect(asked.sort()).toEqual(['people 2026-08-01..2026-10-31', 'people 2026-10-01..2026-10-31']);
    expect(collected.get('2026-10')?.get('m')).toMatchObject({ value: 5, periodTotal: { period: 'FY27-Q3', from: '2026-08', to: '2026-10', value: 7 } });
  });
});
