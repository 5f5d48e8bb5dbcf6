// The goals preview: the stored month judged with new goals, what changed, and the MR note text.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { Goals } from '../../src/goals/goals.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { isEmptyDiff } from '../../src/preview/diff.ts';
import { cell, formatNote, noteMarker } from '../../src/preview/note.ts';
import { previewReport } from '../../src/preview/preview.ts';
import { cli } from '../cli/helpers.ts';
import { goalsWith, month, snap } from '../evaluate/fixtures.ts';

/** History as the report job leaves it: each month judged (health, target) with `goals`. */
function published(goals: Goals, months: Record<string, Record<string, number>>): Map<string, Snapshot> {
  const history = new Map<string, Snapshot>();
  for (const [label, cells] of Object.entries(months)) {
    const result = evaluate({ goals, period: month(label), snapshot: snap(goals, label, cells), history });
    history.set(label, result.snapshot);
  }
  return history;
}

const before = goalsWith([
  { id: 'contributors', target: { monthly: 170 }, is_key: true },
  { id: 'mrs', target: { monthly: 300 } },
  { id: 'old', target: { monthly: 5 } },
]);
const history = published(before, { '2026-09': { contributors: 150, mrs: 310, old: 9 }, '2026-10': { contributors: 160, mrs: 320, old: 9 } });

describe('previewReport', () => {
  it('with unchanged goals: the latest month, the same health, nothing changed', () => {
    const { stored, result, diff } = previewReport({ goals: before, history, historyLabel: 'out/history' });
    expect(stored.period).toBe('2026-10');
    expect(isEmptyDiff(diff)).toBe(true);
    expect(result.report.metrics.map((m) => m.health.level)).toEqual(Object.values(stored.metrics).map((m) => m.health?.level));
  });

  it('finds targets changed, metrics added and removed, definitions changed, renames and health changes', () => {
    const after: Goals = {
      ...goalsWith([
        { id: 'contributors', target: { monthly: 150 }, is_key: true }, // 160 vs 150: now Okay
        { id: 'mrs', target: { monthly: 300 }, group: 'gitlab-com' }, // another query
        { id: 'new-one', target: { monthly: 1 } },
      ]),
    };
    const renamed = { ...after, metrics: after.metrics.map((m) => (m.id === 'mrs' ? { ...m, name: 'Merged MRs' } : m)) };
    const { diff, result } = previewReport({ goals: renamed, history, historyLabel: 'out/history' });
    expect(diff.period).toBe('2026-10');
    expect(diff.targets).toEqual([{ id: 'contributors', name: 'Metric contributors', before: 'At least 170 per month', after: 'At least 150 per month', fields: [{ field: 'monthly', before: '170', after: '150' }] }]);
    expect(diff.added).toEqual([{ id: 'new-one', name: 'Metric new-one' }]);
    expect(diff.removed).toEqual([{ id: 'old', name: 'Metric old' }]);
    expect(diff.definitions).toEqual([{ id: 'mrs', name: 'Merged MRs', fields: [{ field: 'query.group', before: 'gitlab-org', after: 'gitlab-com' }] }]);
    expect(diff.renamed).toEqual([{ id: 'mrs', name: 'Merged MRs', before: 'Metric mrs' }]);
    const contributors = diff.health.find((h) => h.id === 'contributors');
    expect(contributors?.before.level).toBeLessThan(3);
    expect(contributors?.after).toEqual({ level: 3, label: 'Okay' });
    expect(result.report.metrics.map((m) => m.id)).toEqual(['contributors', 'mrs', 'new-one']);
  });

  it('previews a chosen stored month, judged only with the months before it', () => {
    const { stored } = previewReport({ goals: before, history, period: '2026-09', historyLabel: 'h' });
    expect(stored.period).toBe('2026-09');
  });

  it('empty history or a month not stored: EARGS that says how to get one', () => {
    expect(() => previewReport({ goals: before, history: new Map(), historyLabel: 'out/history' })).toThrow(/no stored report to preview: out\/history holds no snapshot/);
    expect(() => previewReport({ goals: before, history, period: '2026-01', historyLabel: 'h' })).toThrow(/no stored report for 2026-01 in h \(it has 2026-09, 2026-10\)/);
  });
});

describe('the MR note', () => {
  it('starts with the marker, names the month, lists the changes and the summary, KPIs first', () => {
    const after = goalsWith([
      { id: 'contributors', target: { monthly: 150 }, is_key: true },
      { id: 'mrs', target: { monthly: 300 } },
    ]);
    const { diff, result } = previewReport({ goals: after, history, historyLabel: 'h' });
    const note = formatNote({ goalsFile: 'goals.yml', diff, report: result.report, commit: 'abc1234', artifactsUrl: 'https://gitlab.example/job/1/artifacts/browse' });
    expect(note.startsWith(`${noteMarker('goals.yml')}\n### community-pulse preview of \`goals.yml\` at abc1234\n`)).toBe(true);
    expect(note).toContain('The published report for **October 2026** judged again with these goals.');
    expect(note).toContain('| Metric contributors | At least 170 per month | At least 150 per month | monthly: 170 → 150 |');
    expect(note).toMatch(/\| Metric contributors \| 🟡 Attention \| 🟢 Okay \| .+ \|/);
    expect(note).toContain('**Metrics removed (left out of the next report; their history stays):** Metric old (`old`)');
    expect(note).toContain('**With these goals:** 2 okay · 0 attention · 0 problem · 0 unknown');
    expect(note).toMatch(/\| KPI \| Metric contributors \| 🟢 Okay \|/);
    expect(note).toContain("The page and the email as they would look are in the [job's artifacts](https://gitlab.example/job/1/artifacts/browse)");
    expect(note).not.toMatch(/\n\n\n/);
  });

  it('says plainly when nothing changes', () => {
    const { diff, result } = previewReport({ goals: before, history, historyLabel: 'h' });
    expect(formatNote({ goalsFile: 'goals.yml', diff, report: result.report })).toContain('No change to targets, metrics, definitions, hand-typed values, team notes or health against the published report for 2026-10.');
  });

  it('table cells cannot break the table, inject HTML or close the marker', () => {
    expect(cell('a | b\nc <img src=x> \\')).toBe('a \\| b c &lt;img src=x&gt; \\\\');
    expect(noteMarker('x-->y.yml')).toBe('<!-- community-pulse:goals-preview x-y.yml -->');
  });
});

describe('preview without a history source', () => {
  it('a goals file with no publish.handbook and no --history: exit 2 naming --history', async () => {
    const { code, stderr } = await cli(['preview', '--goals', 'test/component/selftest-goals.yml']);
    expect(code).toBe(2);
    expect(stderr).toContain('error: no history to preview against: the goals file has no publish.handbook and no --history DIR was given');
    expect(stderr).toContain('fix: pass --history DIR');
  });
});
