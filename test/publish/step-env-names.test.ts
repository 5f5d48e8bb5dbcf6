// The publishing step's env vars are its parts' (handbook, email, Slack, Teams), listed once: a
// part that gains a variable gives it to the step as a whole.
import { describe, expect, it } from 'vitest';
import { loadGoals } from '../../src/goals/load.ts';
import { publishChecks, publishStep } from '../../src/publish/steps.ts';

describe('publishStep.envNames', () => {
  it('is every configured part’s env vars, in the parts’ order', async () => {
    const { goals } = await loadGoals(new URL('../../examples/open-source-company.goals.yml', import.meta.url).pathname);
    const names = publishStep.envNames(goals);
    expect(names).toEqual(publishChecks.flatMap((check) => check.envNames(goals)));
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names).toEqual(expect.arrayContaining([goals.publish.slack?.webhook_url_env, goals.publish.teams?.webhook_url_env]));
  });

  it('is empty when nothing is published', async () => {
    const { goals } = await loadGoals(new URL('../../examples/open-source-company.goals.yml', import.meta.url).pathname);
    expect(publishStep.envNames({ ...goals, publish: {} as typeof goals.publish })).toEqual([]);
  });
});
