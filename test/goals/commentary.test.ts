// Issue 21.7: `commentary` on a metric, the team's note per month. Validated where it is written:
// month keys, text, at most 280 characters, all problems at once with their positions.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { parseGoals } from '../../src/goals/load.ts';
import { buildSnapshot } from '../../src/history/build.ts';
import { parseMonth } from '../../src/periods/periods.ts';
import { edit, problemsOf } from './helpers.ts';

const withCommentary = (lines: string) => edit(['    target: { monthly: 170 }\n', `    target: { monthly: 170 }\n    commentary:\n${lines}`]);

describe('commentary in the goals file', () => {
  it('accepts a short note per month and gives the report the one for its month', () => {
    const text = withCommentary('      "2026-10": The hackathon moved to November.\n      "2026-11": "Hackathon month: expect a peak."\n');
    expect(problemsOf(text)).toEqual([]);
    const { goals } = parseGoals(text, 'goals.yml');
    const period = parseMonth('2026-11');
    if (!period) throw new Error('month');
    const snapshot = buildSnapshot({ goals, period, outcomes: new Map([['contributors', { value: 180, status: 'ok' }]]), generatedAt: new Date('2026-12-02T06:00:00Z'), generator: 't' });
    expect(evaluate({ goals, period, snapshot, history: new Map() }).report.metrics[0]?.commentary).toBe('Hackathon month: expect a peak.');
    const december = parseMonth('2026-12');
    if (!december) throw new Error('month');
    expect(evaluate({ goals, period: december, snapshot: { ...snapshot, period: '2026-12' }, history: new Map() }).report.metrics[0]?.commentary).toBeNull();
  });

  it('refuses a bad month key, an empty note and a note over 280 characters, each at its position', () => {
    const problems = problemsOf(withCommentary(`      "November": Hackathon.\n      "2026-10": ""\n      "2026-11": ${'x'.repeat(281)}\n`));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^goals\.yml:18:7: metrics\[0\]\.commentary\.November bad key: keys must be months from 2000-01 on, like 2026-11/);
    expect(problems[1]).toMatch(/^goals\.yml:19:18: metrics\[0\]\.commentary\.2026-10 must not be empty: delete the month instead/);
    expect(problems[2]).toMatch(/^goals\.yml:20:18: metrics\[0\]\.commentary\.2026-11 must be at most 280 characters/);
  });

  it('accepts exactly 280 characters (counted as characters, not bytes)', () => {
    expect(problemsOf(withCommentary(`      "2026-11": ${'é'.repeat(280)}\n`))).toEqual([]);
  });
});
