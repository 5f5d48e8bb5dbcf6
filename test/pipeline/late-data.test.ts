// Issue 21.12: late data. A source whose numbers settle after the month ends (GA4, YouTube
// Analytics) is not collected before its settle time: its metrics are unavailable with the date to
// wait for, never recorded as a final number. The goals file can override the time per source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectMetrics } from '../../src/collect/collect.ts';
import { settleHoursOf } from '../../src/collect/settle.ts';
import { parseGoals } from '../../src/goals/load.ts';
import { createHttpClient } from '../../src/http/client.ts';
import { memoryLogger } from '../../src/log.ts';
import { periodOf } from '../../src/periods/periods.ts';
import { SecretMasker } from '../../src/secrets.ts';
import { registerSource, sourceFor, sources } from '../../src/sources/index.ts';
import { defineSource } from '../../src/sources/types.ts';
import { edit, problemsOf } from '../goals/helpers.ts';

let calls = 0;
const slow = defineSource({
  type: 'slow-test',
  summary: 'A source whose numbers settle 48 hours after the month ends.',
  configSchema: z.strictObject({ type: z.literal('slow-test') }),
  querySchema: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('count') }).describe('A count.')]),
  kinds: { count: { aggregation: 'sum' } },
  settleHours: 48,
  createCollector: () => ({
    async collect() {
      calls++;
      return { value: 7, status: 'ok' };
    },
  }),
});

function goals(limits = '') {
  return parseGoals(
    [
      'version: 1',
      'report: { title: T, org: O, base_path: /x/, timezone: Europe/Berlin }',
      'sources:',
      '  late: { type: slow-test }',
      '  typed: { type: manual }',
      'metrics:',
      '  - { id: m, name: M, definition: D., source: late, query: { kind: count } }',
      '  - { id: v, name: V, definition: D., source: typed, query: { kind: value, values: { "2026-10": 3 } } }',
      limits,
      '',
    ].join('\n'),
    'goals.yml',
  ).goals;
}

async function collectAt(now: string, limits = '') {
  const unregister = registerSource(slow);
  try {
    const masker = new SecretMasker();
    const log = memoryLogger();
    calls = 0;
    const http = createHttpClient({ masker, log });
    const g = goals(limits);
    const collected = await collectMetrics(g, [{ period: periodOf({ year: 2026, month: 10 }, 'Europe/Berlin') }], { http, env: {}, masker, log, now: () => new Date(now) });
    return collected.get('2026-10');
  } finally {
    unregister();
  }
}

describe('a source is collected only once its month has settled', () => {
  it('before the settle time: unavailable with the date, and the API is not asked', async () => {
    // October ends at 2026-10-31T23:00Z in Berlin (CET); +48 hours = 2026-11-02 23:00 UTC.
    const outcomes = await collectAt('2026-11-02T06:00:00Z');
    expect(outcomes?.get('m')).toEqual({ value: null, status: 'unavailable', reason: "data not settled until 2026-11-02 23:00 UTC (source late gives a month's final numbers 48 hours after it ends); the next run after that collects it" });
    expect(calls).toBe(0);
    // A source without a settle time is collected as usual.
    expect(outcomes?.get('v')).toMatchObject({ value: 3, status: 'manual' });
  });

  it('at and after the settle time: collected', async () => {
    expect((await collectAt('2026-11-02T23:00:00Z'))?.get('m')).toMatchObject({ value: 7, status: 'ok' });
    expect(calls).toBe(1);
  });

  it('the goals file overrides the settle time per source (limits.settle_hours)', async () => {
    expect((await collectAt('2026-11-02T06:00:00Z', 'limits: { settle_hours: { late: 0 } }'))?.get('m')).toMatchObject({ value: 7 });
    expect((await collectAt('2026-11-04T06:00:00Z', 'limits: { settle_hours: { late: 96 } }'))?.get('m')?.reason).toMatch(/^data not settled until 2026-11-04 23:00 UTC/);
  });

  it('GA4 and YouTube Analytics settle 72 hours after the month ends (their documentation); the others at once', () => {
    expect(sourceFor('ga4')?.settleHours).toBe(72);
    expect(sourceFor('youtube')?.settleHours).toBe(72);
    for (const type of ['gitlab', 'discourse', 'plausible', 'repo-file', 'manual']) expect(sourceFor(type)?.settleHours, type).toBe(0);
    const g = parseGoals(
      [
        'version: 1',
        'report: { title: T, org: O, base_path: /x/ }',
        'sources:',
        '  web: { type: plausible, site_id: example.com, api_key_env: PULSE_PLAUSIBLE_KEY }',
        'metrics:',
        '  - { id: m, name: M, definition: D., source: web, query: { kind: pageviews } }',
        'limits: { settle_hours: { web: 12 } }',
        '',
      ].join('\n'),
      'goals.yml',
    ).goals;
    expect(settleHoursOf(g, 'web')).toBe(12);
  });

  it('check refuses a settle time for a source that does not exist, at its position', () => {
    const problems = problemsOf(`${edit()}limits: { settle_hours: { gitlub: 96 } }\n`);
    expect(problems).toEqual([expect.stringMatching(/^goals\.yml:17:35: limits\.settle_hours\.gitlub no source named "gitlub" under sources: \(defined: gitlab, numbers\)/)]);
  });
});

describe('the suggested schedule', () => {
  it('runs after the slowest default settle time, in the docs and in the component', () => {
    const slowest = Math.max(...[...sources.values()].map((s) => s.settleHours));
    const root = join(import.meta.dirname, '../..');
    for (const file of ['docs/components.md', 'templates/report.yml']) {
      const cron = /`(\d+) (\d+) (\d+) \* \*`/.exec(readFileSync(join(root, file), 'utf8'));
      expect(cron, file).not.toBeNull();
      const [, minute, hour, day] = (cron ?? []).map(Number);
      // Hours after the month ended (midnight on the 1st, in the cron time zone = the report's).
      expect(((day ?? 1) - 1) * 24 + (hour ?? 0) + (minute ?? 0) / 60, file).toBeGreaterThanOrEqual(slowest);
    }
  });
});
