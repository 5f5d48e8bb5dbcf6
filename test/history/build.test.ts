// Snapshot building and the definition hash.
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../src/history/build.ts';
import { definitionHash } from '../../src/history/definition.ts';
import { snapshotSchema } from '../../src/history/snapshot.ts';
import type { Goals } from '../../src/goals/goals.ts';
import type { MetricOutcome } from '../../src/sources/types.ts';
import { GENERATED_AT, goalsWith, month } from '../evaluate/fixtures.ts';

const goals = goalsWith([{ id: 'a', target: { monthly: 170 }, unit: 'contributors' }, { id: 'b' }]);

describe('buildSnapshot', () => {
  it('records value, source, query, hash, target and collection time', () => {
    const s = buildSnapshot({
      goals,
      period: month('2026-10'),
      outcomes: new Map([
        ['a', { value: 182, status: 'ok' as const, contributors: [{ username: 'al', name: 'Al', count: 1, webUrl: 'https://gitlab.com/al', firstTime: true }] }],
        ['b', { value: null, status: 'unavailable' as const, reason: 'gitlab.com answered 503' }],
      ]),
      generatedAt: GENERATED_AT,
      generator: 'community-pulse 0.1.0',
    });
    expect(snapshotSchema.parse(s)).toEqual(s);
    expect(s).toMatchObject({ schema_version: 1, period: '2026-10', timezone: 'UTC', generated_at: '2026-11-02T06:00:00.000Z', generator: 'community-pulse 0.1.0' });
    expect(s.metrics.a).toEqual({
      name: 'Metric a',
      value: 182,
      status: 'ok',
      unit: 'contributors',
      source: { name: 'gitlab', type: 'gitlab' },
      query: { kind: 'merged_mr_authors', group: 'gitlab-org', labels: ['Community contribution'], exclude_users: [] },
      definition_hash: definitionHash(goals, goals.metrics[0]!),
      collected_at: '2026-11-02T06:00:00.000Z',
      target: { monthly: 170, direction: 'higher', tolerance: 0.1 },
      contributors: [{ username: 'al', name: 'Al', count: 1, webUrl: 'https://gitlab.com/al', firstTime: true }],
    });
    expect(s.metrics.b).toMatchObject({ value: null, status: 'unavailable', reason: 'gitlab.com answered 503' });
    expect(s.metrics.b?.target).toBeUndefined();
  });

  it('keeps metrics it did not collect from the previous snapshot', () => {
    const previous = buildSnapshot({
      goals,
      period: month('2026-10'),
      outcomes: new Map([
        ['a', { value: 1, status: 'ok' as const }],
        ['b', { value: 2, status: 'ok' as const }],
      ]),
      generatedAt: GENERATED_AT,
      generator: 'x',
    });
    const s = buildSnapshot({ goals, period: month('2026-10'), outcomes: new Map([['b', { value: 5, status: 'ok' as const }]]), generatedAt: new Date('2026-12-01T00:00:00Z'), generator: 'x', previous });
    expect(s.metrics.a).toEqual(previous.metrics.a);
    expect(s.metrics.b).toMatchObject({ value: 5, collected_at: '2026-12-01T00:00:00.000Z' });
    const none = buildSnapshot({ goals, period: month('2026-10'), outcomes: new Map(), generatedAt: GENERATED_AT, generator: 'x' });
    expect(none.metrics.a).toMatchObject({ value: null, status: 'unavailable', reason: 'not collected in this run' });
  });
});

describe('buildSnapshot over a recorded month', () => {
  const recorded = buildSnapshot({
    goals,
    period: month('2026-10'),
    outcomes: new Map([
      ['a', { value: 182, status: 'ok' as const }],
      ['b', { value: 7, status: 'ok' as const }],
    ]),
    generatedAt: GENERATED_AT,
    generator: 'x',
  });
  const down: MetricOutcome = { value: null, status: 'unavailable', reason: 'forum.example answered 503' };

  it('keeps a recorded value the source cannot give again (same definition), with its collection time', () => {
    const s = buildSnapshot({
      goals,
      period: month('2026-10'),
      outcomes: new Map([
        ['a', down],
        ['b', { value: 9, status: 'ok' as const }],
      ]),
      generatedAt: new Date('2026-12-01T00:00:00Z'),
      generator: 'x',
      previous: recorded,
    });
    expect(s.metrics.a).toEqual(recorded.metrics.a);
    expect(s.metrics.b).toMatchObject({ value: 9, collected_at: '2026-12-01T00:00:00.000Z' });
  });

  it('does not keep a value measured by another definition, nor a recorded gap', () => {
    const [a, b] = goals.metrics as [Goals['metrics'][number], Goals['metrics'][number]];
    const changed: Goals = { ...goals, metrics: [{ ...a, query: { ...a.query, group: 'gitlab-com' } } as typeof a, b] };
    expect(definitionHash(changed, changed.metrics[0]!)).not.toBe(recorded.metrics.a?.definition_hash);
    const s = buildSnapshot({ goals: changed, period: month('2026-10'), outcomes: new Map([['a', down]]), generatedAt: GENERATED_AT, generator: 'x', previous: recorded });
    expect(s.metrics.a).toMatchObject({ value: null, status: 'unavailable', reason: 'forum.example answered 503' });
    const gap = buildSnapshot({ goals, period: month('2026-10'), outcomes: new Map([['a', down]]), generatedAt: GENERATED_AT, generator: 'x' });
    const again = buildSnapshot({ goals, period: month('2026-10'), outcomes: new Map([['a', { ...down, reason: 'still down' }]]), generatedAt: GENERATED_AT, generator: 'x', previous: gap });
    expect(again.metrics.a).toMatchObject({ status: 'unavailable', reason: 'still down' });
  });
});

describe('definitionHash', () => {
  const base = goalsWith([{ id: 'a' }]);
  const hash = (g = base) => definitionHash(g, g.metrics[0]!);

  it('is a sha256 hex that ignores key order', () => {
    expect(hash()).toMatch(/^[0-9a-f]{64}$/);
    const reordered = goalsWith([{ id: 'a' }]);
    const q = reordered.metrics[0]!.query;
    reordered.metrics[0]!.query = Object.fromEntries(Object.entries(q).reverse()) as typeof q;
    expect(hash(reordered)).toBe(hash());
  });

  it('changes with the query, the source type and the instance url', () => {
    expect(hash(goalsWith([{ id: 'a', group: 'gitlab-com' }]))).not.toBe(hash());
    const otherUrl = goalsWith([{ id: 'a' }]);
    otherUrl.sources.gitlab = { ...otherUrl.sources.gitlab!, url: 'https://gitlab.example.com' };
    expect(hash(otherUrl)).not.toBe(hash());
    const otherType = goalsWith([{ id: 'a' }]);
    otherType.sources.gitlab = { ...otherType.sources.gitlab!, type: 'repo-file' };
    expect(hash(otherType)).not.toBe(hash());
  });

  it('ignores credential env var names, the target and the metric name', () => {
    const g = goalsWith([{ id: 'a', target: { monthly: 5 } }]);
    g.sources.gitlab = { ...g.sources.gitlab!, token_env: 'SOME_OTHER_TOKEN' };
    g.metrics[0]!.name = 'Renamed';
    expect(hash(g)).toBe(hash());
  });
});
