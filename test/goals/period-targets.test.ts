// Quarterly and yearly targets need a period total: `check` refuses them on kinds whose months
// cannot be added (medians, percentages, distinct people without a whole-period figure), at the
// target's position, saying why.
import { describe, expect, it } from 'vitest';
import { edit, problemsOf } from './helpers.ts';

describe('period targets on kinds without a period total', () => {
  it('refuses a quarterly target on a median kind, at the target, with why and what to do', () => {
    const text = edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: time_to_merge, group: gitlab-org'], ['{ monthly: 170 }', '{ quarterly: 5, direction: lower }']);
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^goals\.yml:16:26: metrics\[0\]\.target\.quarterly /);
    expect(problems[0]).toContain("a quarterly target needs a quarter's total, and time_to_merge has none: medians and percentiles cannot be added");
    expect(problems[0]).toContain('set a monthly target (or a ramp) instead');
  });

  it('refuses a yearly target on a percentage kind', () => {
    const text = edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: contributor_retention, group: gitlab-org'], ['{ monthly: 170 }', '{ yearly: 40 }']);
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^goals\.yml:16:23: metrics\[0\]\.target\.yearly a yearly target needs a year's total, and contributor_retention has none: a share of one cohort/);
  });

  it('accepts period targets on kinds that add up (sum), are distinct over the period, or are a level', () => {
    for (const kind of ['merged_mrs', 'merged_mr_authors', 'open_mr_age']) {
      expect(problemsOf(edit(['kind: merged_mr_authors, group: gitlab-org', `kind: ${kind}, group: gitlab-org`], ['{ monthly: 170 }', '{ quarterly: 500 }'])), kind).toEqual([]);
    }
  });

  it('accepts monthly targets and ramps on every kind', () => {
    expect(problemsOf(edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: time_to_merge, group: gitlab-org']))).toEqual([]);
    expect(problemsOf(edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: time_to_merge, group: gitlab-org'], ['{ monthly: 170 }', '{ ramp: { FY27-Q1: 5 } }']))).toEqual([]);
  });
});
