// What the goals file may say about a `tally` source (a fictional event-counting API, the fixture
// that shows what a new source needs): its connection and its query kinds, with each kind's traits.
import { z } from 'zod';
import { envVarName, httpUrl, nonEmpty } from '../../../src/fields/fields.ts';
import type { KindTable } from '../../../src/sources/types.ts';

export const tallyConfigSchema = z
  .strictObject({
    type: z.literal('tally'),
    workspace: nonEmpty('The Tally workspace whose events are counted.'),
    token_env: envVarName('Env var holding a Tally read token.'),
    api_url: httpUrl('Tally API base URL (override for tests).').default('https://api.tally.example'),
  })
  .describe('Tally: events, people and queues of a workspace (a fixture source).');
export type TallyConfig = z.infer<typeof tallyConfigSchema>;

const kind = <K extends string>(k: K, description: string) => z.strictObject({ kind: z.literal(k) }).describe(description);

export const tallyQuerySchema = z.discriminatedUnion('kind', [
  kind('events', 'Events recorded in the period.'),
  kind('people', 'Distinct people with an event in the period.'),
  kind('queue_age', 'Median age in days of the queue at the end of the period.'),
  kind('wait_median', "Median wait in hours of the period's events."),
  kind('items_per_release', 'Items shipped in each release due in the period.'),
]);
export type TallyQuery = z.infer<typeof tallyQuerySchema>;

export const tallyKinds: KindTable<TallyQuery> = {
  events: { aggregation: 'sum' },
  people: { aggregation: 'distinct' },
  queue_age: { aggregation: 'level' },
  wait_median: { aggregation: 'none', why: 'medians cannot be added across months' },
  items_per_release: { aggregation: 'sum', per: 'release' },
};
