// Issue 21.13: the goals merge request tells the whole truth. Every reason, every changed field
// with its old and new value, 'before' judged with the old goals, and the hand-typed values.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import type { Goals, GoalsMetric } from '../../src/goals/goals.ts';
import { targetSchema } from '../../src/goals/target.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';
import { formatNote } from '../../src/preview/note.ts';
import { previewReport } from '../../src/preview/preview.ts';
import { type Cell, goalsWith, month, snap } from '../evaluate/fixtures.ts';

function published(goals: Goals, months: Record<string, Record<string, Cell>>): Map<string, Snapshot> {
  const history = new Map<string, Snapshot>();
  for (const [label, cells] of Object.entries(months)) {
    const result = evaluate({ goals, period: month(label), snapshot: snap(goals, label, cells), history });
    history.set(label, result.snapshot);
  }
  return history;
}

const withTarget = (goals: Goals, id: string, target: Parameters<typeof targetSchema.parse>[0]): Goals => ({
  ...goals,
  metrics: goals.metrics.map((m) => (m.id === id ? { ...m, target: targetSchema.parse(target) } : m)),
});

function note(goals: Goals, history: Map<string, Snapshot>, before?: Goals): { text: string; diff: ReturnType<typeof previewReport>['diff'] } {
  const { diff, result } = previewReport({ goals, before, history, historyLabel: 'h' });
  return { text: formatNote({ goalsFile: 'goals.yml', diff, report: result.report }), diff };
}

describe('the goals preview tells the whole truth', () => {
  it('shows every reason, so "missing from history" is not hidden behind the target', () => {
    // FY27-Q3 (fiscal year from February) is Aug–Oct; August was never collected.
    const old = goalsWith([{ id: 'mrs', kind: 'merged_mrs', target: { quarterly: 600 } }]);
    const history = published(old, { '2026-09': { mrs: 310 }, '2026-10': { mrs: 320 } });
    const { text, diff } = note(withTarget(old, 'mrs', { quarterly: 2000 }), history);
    expect(diff.health[0]?.reasons.some((r) => r.includes('August missing from history'))).toBe(true);
    expect(text).toMatch(/\| Metric mrs \| 🟢 Okay \| 🔴 Problem \| [^|\n]*; August missing from history — total may be low; run backfill \|/);
    // The summary table too.
    expect(text).toMatch(/\| {2}\| Metric mrs \| 🔴 Problem \| [^\n]*August missing from history/);
  });

  it('a tolerance change names the field, old → new, though the target words are the same', () => {
    const old = goalsWith([{ id: 'response', target: { monthly: 30, direction: 'lower', tolerance: 0.1 } }]);
    const history = published(old, { '2026-10': { response: 31 } });
    const { text, diff } = note(withTarget(old, 'response', { monthly: 30, direction: 'lower', tolerance: 0.05 }), history);
    expect(diff.targets).toEqual([{ id: 'response', name: 'Metric response', before: 'At most 30', after: 'At most 30', fields: [{ field: 'tolerance', before: '0.1', after: '0.05' }] }]);
    expect(text).toContain('| Metric response | At most 30 | At most 30 | tolerance: 0.1 → 0.05 |');
  });

  it('a changed source URL is listed with its old and new value (old goals known)', () => {
    const old = goalsWith([{ id: 'contributors', target: { monthly: 170 } }]);
    const history = published(old, { '2026-10': { contributors: 180 } });
    const moved: Goals = { ...old, sources: { gitlab: { ...old.sources.gitlab, type: 'gitlab', url: 'https://gitlab.example.com' } } };
    const { text, diff } = note(moved, history, old);
    expect(diff.definitions).toEqual([{ id: 'contributors', name: 'Metric contributors', fields: [{ field: 'source.url', before: 'https://gitlab.com', after: 'https://gitlab.example.com' }] }]);
    // Neutralised for GitLab Markdown (no autolink), but both values are there.
    expect(text).toMatch(/\| Metric contributors \| source\.url \| https:[^|]*gitlab\.com \| https:[^|]*gitlab\.example\.com \|/);
  });

  it('without the old goals, a query change is still listed field by field from the stored report', () => {
    const old = goalsWith([{ id: 'mrs', target: { monthly: 300 } }]);
    const history = published(old, { '2026-10': { mrs: 320 } });
    const { diff } = note(goalsWith([{ id: 'mrs', target: { monthly: 300 }, group: 'gitlab-com' }]), history);
    expect(diff.definitions[0]?.fields).toEqual([{ field: 'query.group', before: 'gitlab-org', after: 'gitlab-com' }]);
  });

  it('a new fiscal-year start does not rewrite the "before" column: it is worded with the old goals', () => {
    const old = goalsWith([{ id: 'mrs', kind: 'merged_mrs', target: { quarterly: 900 } }], 2);
    const history = published(old, { '2026-08': { mrs: 300 }, '2026-09': { mrs: 310 }, '2026-10': { mrs: 320 } });
    const shifted: Goals = { ...old, report: { ...old.report, fiscal_year_start: 1 } };
    const { diff } = note(shifted, history, old);
    // October 2026 is in FY27-Q3 when the year starts in February, FY26-Q4 when it starts in January.
    expect(diff.targets).toEqual([{ id: 'mrs', name: 'Metric mrs', before: '900 in FY27-Q3', after: '900 in FY26-Q4', fields: [{ field: 'report.fiscal_year_start', before: '2', after: '1' }] }]);
    expect(diff.before_from).toBe('old goals');
  });

  it('"before" is judged with the old goals: a history gap that appeared since does not blame the goals change', () => {
    // Published when September was there; the preview's history lacks it now.
    const old = goalsWith([{ id: 'mrs', kind: 'merged_mrs', target: { quarterly: 900 } }]);
    const full = published(old, { '2026-08': { mrs: 300 }, '2026-09': { mrs: 310 }, '2026-10': { mrs: 320 } });
    const gap = new Map([...full].filter(([p]) => p !== '2026-09'));
    const renamedOnly: Goals = { ...old, metrics: old.metrics.map((m) => ({ ...m, name: 'Merged MRs' })) };
    expect(note(renamedOnly, gap).diff.health).toHaveLength(1); // against the published health: looks like the goals did it
    expect(note(renamedOnly, gap, old).diff.health).toEqual([]); // against the old goals on the same history: no change
  });

  it("previews the hand-typed values: judges this file's value for the month and shows the next month's", () => {
    const base = goalsWith([{ id: 'contributors', target: { monthly: 170 } }]);
    const seats = (values: Record<string, number>): GoalsMetric => ({
      id: 'seats',
      name: 'Program Seats',
      definition: 'Seats.',
      source: 'sheet',
      query: { kind: 'value', values },
      target: targetSchema.parse({ monthly: 15 }),
      is_key: false,
      public: true,
      urls: [],
    });
    const old: Goals = { ...base, sources: { ...base.sources, sheet: { type: 'manual' } }, metrics: [...base.metrics, seats({ '2026-10': 12 })] };
    const history = published(old, { '2026-10': { contributors: 180, seats: { value: 12, status: 'manual' } } });
    const typed: Goals = { ...old, metrics: [...base.metrics, seats({ '2026-10': 16, '2026-11': 7 })] };
    const { diff, result } = previewReport({ goals: typed, history, historyLabel: 'h' });
    expect(diff.manual).toEqual([{ id: 'seats', name: 'Program Seats', stored: 12, typed: 16, next_period: '2026-11', next: 7 }]);
    expect(result.report.metrics.find((m) => m.id === 'seats')).toMatchObject({ value: 16, status: 'manual', health: { level: 3 } });
    expect(diff.health).toEqual([{ id: 'seats', name: 'Program Seats', before: { level: 1, label: 'Problem' }, after: { level: 3, label: 'Okay' }, reasons: ['16 vs target 15 (+7%)'] }]);
    const text = formatNote({ goalsFile: 'goals.yml', diff, report: result.report });
    expect(text).toContain('| metric | 2026-10 published | 2026-10 in this file | 2026-11 in this file |');
    expect(text).toContain('| Program Seats | 12 | **16** (changed) | 7 |');
  });
});

describe("the team's notes in the goals preview (21.7: reviewed in the merge request)", () => {
  const old = goalsWith([{ id: 'meetups', target: { monthly: 12 } }]);
  const history = published(old, { '2026-10': { meetups: 3 } });
  const noted = (commentary: Record<string, string>): Goals => ({ ...old, metrics: old.metrics.map((m) => ({ ...m, commentary })) });

  it('lists the notes for the previewed month and the next one, new or changed against the target branch', () => {
    const before = noted({ '2026-10': 'Hackathon moved.' });
    const after = noted({ '2026-10': 'The hackathon moved to November.', '2026-11': 'Hackathon month.', '2026-12': 'Not shown yet.' });
    const { text, diff } = note(after, history, before);
    expect(diff.commentary).toEqual([
      { id: 'meetups', name: 'Metric meetups', period: '2026-10', text: 'The hackathon moved to November.', before: 'Hackathon moved.' },
      { id: 'meetups', name: 'Metric meetups', period: '2026-11', text: 'Hackathon month.', before: null },
    ]);
    expect(text).toContain('| Metric meetups | 2026-10 | The hackathon moved to November. | changed (was: Hackathon moved.) |');
    expect(text).toContain('| Metric meetups | 2026-11 | Hackathon month. | new |');
    expect(text).not.toContain('Not shown yet.');
  });

  it('keeps a hostile note inert in the MR note: no mention, reference, link, HTML or quick action', () => {
    const { text } = note(noted({ '2026-11': '/close @all see #12 <img src=x> [x](https://evil.example) | cell' }), history);
    const row = text.split('\n').find((l) => l.startsWith('| Metric meetups | 2026-11 |')) ?? '';
    expect(row).not.toMatch(/@all|#12|<img|(?<!\\)\]\(|https:\/\//);
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6); // the row keeps its 4 cells
  });
});
