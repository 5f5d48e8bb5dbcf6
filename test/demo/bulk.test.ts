// The demo's generated month: deterministic, at the example goals' magnitudes, and tallied from
// its own records (the demo end-to-end test checks the pipeline finds exactly these tallies).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoBulk, demoExpected } from '@community-pulse/demo/bulk';
import { releaseOf, sampleHistory } from '@community-pulse/demo/history';
import { EXPECTED_OCTOBER } from '@community-pulse/demo/world';
import { parseGoals } from '../../src/goals/load.ts';

const october = (mr: { mergedAt?: string }) => (mr.mergedAt ?? '') >= '2026-10-01' && (mr.mergedAt ?? '') < '2026-11-01';

describe('the demo bulk', () => {
  it('is the same on every run', () => {
    expect(demoBulk()).toEqual(demoBulk());
    expect(demoBulk(7).mergeRequests).not.toEqual(demoBulk().mergeRequests);
  });

  it('adds a real team month on top of the hand-counted world', () => {
    const expected = demoExpected(EXPECTED_OCTOBER, demoBulk());
    expect(expected['wider-community-contributors']).toBeGreaterThanOrEqual(150);
    expect(expected['wider-community-contributors']).toBeLessThanOrEqual(190);
    expect(expected['merged-community-mrs']).toBeGreaterThanOrEqual(700);
    expect(expected['merged-community-mrs']).toBeLessThanOrEqual(900);
    expect(expected['meetups']).toBeGreaterThanOrEqual(10);
    expect(expected['meetups']).toBeLessThanOrEqual(14);
    expect(expected['community-mrs-per-release']).toBeGreaterThan(400);
    // Metrics the bulk does not touch keep their hand-counted values.
    expect(expected['forum-monthly-active-users']).toBe(EXPECTED_OCTOBER['forum-monthly-active-users']);
  });

  it('tallies what it generated', () => {
    const bulk = demoBulk();
    const org = bulk.mergeRequests.filter((mr) => mr.project.startsWith('gitlab-org/') && mr.state === 'merged' && october(mr));
    expect(bulk.counts.contributors).toBe(new Set(org.map((mr) => mr.authorId)).size);
    expect(bulk.counts.mergedMrs).toBe(bulk.mergeRequests.filter((mr) => mr.state === 'merged' && october(mr)).length);
    expect(bulk.timeToMergeDays).toHaveLength(org.length);
    // Every October author either merged before October (returning) or is new.
    const before = new Set(bulk.mergeRequests.filter((mr) => mr.state === 'merged' && (mr.mergedAt ?? '') < '2026-10-01').map((mr) => mr.authorId));
    const authors = new Set(org.map((mr) => mr.authorId));
    expect([...authors].filter((a) => before.has(a))).toHaveLength(bulk.counts.returning);
    expect([...authors].filter((a) => !before.has(a))).toHaveLength(bulk.counts.firstTime);
    // Every review comment comes after the MR opened and before it merged, by someone else.
    for (const mr of org) {
      const review = mr.notes?.find((n) => n.authorId !== mr.authorId);
      expect(review && mr.createdAt && review.createdAt > mr.createdAt && review.createdAt < (mr.mergedAt ?? '')).toBe(true);
    }
  });
});

describe('the sample history', () => {
  const { goals } = parseGoals(readFileSync(new URL('../../examples/goals.yml', import.meta.url), 'utf8'), 'goals.yml');
  const latest = demoExpected(EXPECTED_OCTOBER, demoBulk());
  const history = sampleHistory({ goals, period: { year: 2026, month: 10 }, months: 24, latest, generator: 'test' });

  it('varies from month to month and keeps the values typed by hand', () => {
    const contributors = history.map((s) => s.metrics['wider-community-contributors']?.value);
    expect(new Set(contributors).size).toBeGreaterThan(12);
    expect(history.find((s) => s.period === '2026-09')?.metrics['education-program-seats']?.value).toBe(42150);
  });

  it("gives the per-release metric one release a month, matching the world's milestones", () => {
    expect(releaseOf({ year: 2026, month: 9 })).toEqual({ title: '17.4', due: '2026-09-17' });
    expect(releaseOf({ year: 2026, month: 10 })).toEqual({ title: '17.5', due: '2026-10-15' });
    expect(releaseOf({ year: 2026, month: 11 })).toEqual({ title: '17.6', due: '2026-11-19' });
    expect(releaseOf({ year: 2025, month: 5 }).title).toBe('16.0');
    const september = history.find((s) => s.period === '2026-09')?.metrics['community-mrs-per-release'];
    expect(september?.breakdown).toEqual({ kind: 'releases', items: [{ key: '17.4', label: '17.4', value: september?.value, date: '2026-09-17' }] });
  });

  it('judges a realistic mix: mostly on track, not all flat, not all failing', () => {
    const september = history.at(-1)!;
    const levels = Object.values(september.metrics).map((m) => m.health?.level);
    expect(levels.filter((l) => l === 3).length).toBeGreaterThan(levels.length / 2);
    const everyMonth = history.flatMap((s) => Object.values(s.metrics).map((m) => m.health?.level));
    expect(everyMonth).toContain(2);
    expect(everyMonth).toContain(1);
  });
});
