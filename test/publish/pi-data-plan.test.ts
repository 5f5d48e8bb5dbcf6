// The PI data's own commit (pi_data_target) as a pure plan, the goals rules for it, and the
// merge-request preview naming a repointed PI data project (its settings come from the target
// branch in merge-request pipelines, like every connection).
import { describe, expect, it } from 'vitest';
import { parseGoals } from '../../src/goals/load.ts';
import { stampData } from '../../src/publish/handbook/stamp.ts';
import { planPiData, type StoredFile } from '../../src/publish/plan.ts';
import { connectionChanges } from '../../src/preview/connections.ts';
import { BASE, problemsOf } from '../goals/helpers.ts';

const PI = 'data/performance_indicators/developer_relations.yml';
const YAML = '- name: Contributors\n  value: 171\n';
const input = { period: '2026-10', title: 'KPIs', generator: 'test', file: { path: PI, content: YAML }, kept: false };
const onBranch = { branch: 'master', viaMergeRequest: false };
const stored = (content: string, lastCommitId: string): StoredFile => ({ content: Buffer.from(content), lastCommitId });

describe('planPiData', () => {
  it('creates the stamped file when the project has none', () => {
    const plan = planPiData({ destination: onBranch, files: new Map([[PI, undefined]]) }, input);
    expect(plan.actions).toEqual([{ action: 'create', file_path: PI, content: stampData(YAML), encoding: 'text' }]);
  });

  it("updates on the same read's last_commit_id, and plans nothing when the bytes are already there", () => {
    const update = planPiData({ destination: onBranch, files: new Map([[PI, stored('old', 'c0ffee')]]) }, input);
    expect(update.actions).toEqual([{ action: 'update', file_path: PI, content: stampData(YAML), encoding: 'text', last_commit_id: 'c0ffee' }]);
    expect(planPiData({ destination: onBranch, files: new Map([[PI, stored(stampData(YAML), 'c0ffee')]]) }, input).actions).toEqual([]);
  });

  it('plans nothing when a newer month is published (the page is kept, so is the PI data)', () => {
    expect(planPiData({ destination: onBranch, files: new Map([[PI, stored('old', 'c0ffee')]]) }, { ...input, kept: true }).actions).toEqual([]);
  });
});

const PUBLISH = (target: string) => `publish:\n  handbook:\n    project: gitlab-com/content-sites/handbook\n    page: content/kpi/_index.md\n    data_dir: data/pulse\n    pi_data: ${PI}\n${target}`;

describe('goals.yml: pi_data_target', () => {
  it('is valid with a project (branch and token default)', () => {
    const { goals } = parseGoals(`${BASE}${PUBLISH('    pi_data_target: { project: gitlab-com/www-gitlab-com }\n')}`, 'goals.yml');
    expect(goals.publish.handbook?.pi_data_target).toEqual({ project: 'gitlab-com/www-gitlab-com', branch: 'main' });
  });

  it('needs pi_data, and says so at its position', () => {
    const text = `${BASE}publish:\n  handbook:\n    project: gitlab-com/content-sites/handbook\n    page: content/kpi/_index.md\n    data_dir: data/pulse\n    pi_data_target: { project: gitlab-com/www-gitlab-com }\n`;
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^goals\.yml:22:\d+: publish\.handbook\.pi_data_target needs pi_data/)]);
  });

  it('a merge request that repoints the PI data project is a connection change (taken from the target branch)', () => {
    const before = parseGoals(`${BASE}${PUBLISH('    pi_data_target: { project: gitlab-com/www-gitlab-com }\n')}`, 'goals.yml').goals;
    const after = parseGoals(`${BASE}${PUBLISH('    pi_data_target: { project: attacker/www }\n')}`, 'goals.yml').goals;
    expect(connectionChanges(before, after)).toEqual([{ path: 'publish.handbook.pi_data_target.project', before: 'gitlab-com/www-gitlab-com', after: 'attacker/www' }]);
  });
});
