// demo --goals: the team's goals file pointed at the sample world (pure).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { goalsForSampleWorld } from '../../src/commands/demo-goals.ts';
import { parseGoals } from '../../src/goals/load.ts';

const ROOT = join(import.meta.dirname, '../..');
const team = readFileSync(join(ROOT, 'test/e2e/fixtures/team-goals.yml'), 'utf8');
const example = readFileSync(join(ROOT, 'examples/goals.yml'), 'utf8');

/** The example as the sample world serves it, without its Discourse forum. */
function sampleWithout(name: string): string {
  const doc = parseDocument(example);
  doc.deleteIn(['sources', name]);
  const metrics = (doc.toJS() as { metrics: Array<{ source: string }> }).metrics;
  for (let i = metrics.length - 1; i >= 0; i--) if (metrics[i]?.source === name) doc.deleteIn(['metrics', i]);
  return doc.toString();
}

describe('goalsForSampleWorld', () => {
  it("keeps the team's metrics and targets; takes each source's connection from the sample world", () => {
    const { yaml, served, unserved } = goalsForSampleWorld(team, 'team-goals.yml', example);
    const { goals } = parseGoals(yaml, 'out.yml');
    expect(goals.metrics.map((m) => m.id)).toEqual(['merged-contributions', 'first-response', 'workshops']);
    expect(goals.metrics[0]?.target).toMatchObject({ monthly: 3 });
    expect(goals.report.title).toBe('Acme DevRel Pulse');
    expect(goals.sources['code']).toMatchObject({ type: 'gitlab', url: 'https://gitlab.com', token_env: 'PULSE_GITLAB_TOKEN' });
    expect(goals.publish).toEqual(parseGoals(example, 'example').goals.publish);
    expect(served).toEqual(['code (gitlab)', 'community-forum (discourse)', 'sheet (manual)']);
    expect(unserved).toEqual([]);
  });

  it('a source type the sample world has no API for is left out with its metrics, and named', () => {
    const { yaml, unserved } = goalsForSampleWorld(team, 'team-goals.yml', sampleWithout('forum'));
    expect(unserved).toEqual([{ source: 'community-forum', type: 'discourse', metrics: ['first-response'] }]);
    const { goals } = parseGoals(yaml, 'out.yml');
    expect(goals.metrics.map((m) => m.id)).toEqual(['merged-contributions', 'workshops']);
    expect(Object.keys(goals.sources)).toEqual(['code', 'sheet']);
  });

  it('refuses a file the sample world serves nothing of', () => {
    const onlyForum = team.replace(/\n {2}- id: merged-contributions[\s\S]*?(?=\n {2}- id: first-response)/, '').replace(/\n {2}- id: workshops[\s\S]*$/, '\n');
    expect(() => goalsForSampleWorld(onlyForum, 'forum-only.yml', sampleWithout('forum'))).toThrow(/serves none of the sources of forum-only\.yml \(community-forum: discourse/);
  });
});
