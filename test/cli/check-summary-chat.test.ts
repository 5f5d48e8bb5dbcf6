// `check` names every publishing target in its summary, the chat channels included (issue 23.5).
import { expect, it } from 'vitest';
import { summarize } from '../../src/commands/check-run.ts';
import { loadGoals } from '../../src/goals/load.ts';

it('the summary names the Slack and Teams posts', async () => {
  const { goals } = await loadGoals(new URL('../../examples/open-source-company.goals.yml', import.meta.url).pathname);
  expect(summarize('goals.yml', goals)).toContain('an email to 1 recipient and a summary posted to Slack and Microsoft Teams');
});
