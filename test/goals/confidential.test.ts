// Indicators that read customer names and ARR (the organisation kinds) are internal unless the
// goals file explicitly says public: true; `check` says which and why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confidentialNotes } from '../../src/goals/confidential.ts';
import { definitionHash } from '../../src/history/definition.ts';
import { parseGoals } from '../../src/goals/load.ts';
import { cli } from '../cli/helpers.ts';
import { tempDir } from '../support/temp-dir.ts';
import { edit } from './helpers.ts';

const ORGS = '  gitlab: { type: gitlab, token_env: PULSE_GITLAB_TOKEN, organisations: { project: devrel/orgs, file: orgs.yml } }';
const withKind = (kind: string, extra = '') => edit(['  gitlab: { type: gitlab, token_env: PULSE_GITLAB_TOKEN }', ORGS], ['    query: { kind: merged_mr_authors, group: gitlab-org }', `    query: { kind: ${kind}, group: gitlab-org }${extra}`]);

describe('confidential kinds are internal by default', () => {
  it('mrarr without public: is internal; the same metric with public: true is public; an ordinary kind stays public', () => {
    expect(parseGoals(withKind('mrarr'), 'goals.yml').goals.metrics[0]?.public).toBe(false);
    expect(parseGoals(withKind('contributing_customers'), 'goals.yml').goals.metrics[0]?.public).toBe(false);
    expect(parseGoals(withKind('mrarr', '\n    public: true'), 'goals.yml').goals.metrics[0]?.public).toBe(true);
    expect(parseGoals(withKind('merged_mr_authors'), 'goals.yml').goals.metrics[0]?.public).toBe(true);
  });

  it('explains each choice', () => {
    expect(confidentialNotes(parseGoals(withKind('mrarr'), 'goals.yml').goals)).toEqual([
      'metrics[0] (contributors) is internal (email only, not on the page or in the PI data): it reads the organisations file: customer names and ARR are confidential. Set public: true on it to publish it.',
    ]);
    expect(confidentialNotes(parseGoals(withKind('mrarr', '\n    public: true'), 'goals.yml').goals)[0]).toMatch(/^metrics\[0\] \(contributors\) is public because the goals file says public: true, although it reads the organisations file/);
    expect(confidentialNotes(parseGoals(withKind('merged_mr_authors'), 'goals.yml').goals)).toEqual([]);
  });

  it('`check` prints the explanation under its summary', async () => {
    const dir = tempDir('pulse-confidential-');
    writeFileSync(join(dir, 'goals.yml'), withKind('organisational_diversity'));
    const { code, stdout } = await cli(['check', '--goals', join(dir, 'goals.yml')]);
    expect(code).toBe(0);
    expect(stdout).toContain('\nnote: metrics[0] (contributors) is internal (email only, not on the page or in the PI data): it reads the organisations file');
  });
});

describe('adding an organisations file to a gitlab source', () => {
  it('does not change the definition of its other metrics (no break in their series)', () => {
    const before = parseGoals(edit(), 'goals.yml').goals;
    const after = parseGoals(edit(['  gitlab: { type: gitlab, token_env: PULSE_GITLAB_TOKEN }', ORGS]), 'goals.yml').goals;
    const [m0] = before.metrics;
    const [m1] = after.metrics;
    if (!m0 || !m1) throw new Error('the base file lost its metric');
    expect(definitionHash(after, m1)).toBe(definitionHash(before, m0));
  });
});
