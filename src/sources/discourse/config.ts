// What the goals file may say about a `discourse` source: its connection and its query kinds.
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { envVarName, httpUrl, nonEmpty } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

export const discourseConfigSchema = z
  .strictObject({
    type: z.literal('discourse'),
    url: httpUrl('Base URL of the Discourse forum, e.g. https://forum.gitlab.com.'),
    api_key_env: envVarName('Env var holding an admin API key (needed for calendar-month admin reports).').optional(),
    api_username: nonEmpty('User the API key acts as.').default('system'),
  })
  .describe('A Discourse forum.');
export type DiscourseConfig = z.infer<typeof discourseConfigSchema>;

const kind = <K extends string>(k: K, description: string) => z.strictObject({ kind: z.literal(k) }).describe(description);

export const discourseQuerySchema = z.discriminatedUnion('kind', [
  kind('active_users', "Distinct users who visited in the 30 days ending on the period's last day (admin reports), or the rolling 30-day figure of /about.json sampled at collection time without an admin key."),
  kind('new_topics', 'Topics created in the period.'),
  kind('posts', 'Posts created in the period.'),
  kind('signups', 'New accounts in the period.'),
  kind('time_to_first_response', 'Mean of the daily average hours until a new topic gets its first reply (lower is better).'),
  z
    .strictObject({
      kind: z.literal('data_explorer'),
      query_id: z.number().int().positive().describe('Id of the saved Data Explorer query (the number in /admin/plugins/explorer/queries/ID). docs/sources/discourse.md has the SQL to save for exact monthly active users.'),
      column: nonEmpty('Result column holding the number; default: the first column.').optional(),
      start_param: nonEmpty("Name of the query's date parameter set to the first day of the month.").default('start_date'),
      end_param: nonEmpty("Name of the query's date parameter set to the last day of the month (inclusive).").default('end_date'),
    })
    .describe("Runs a saved Data Explorer query (plugin) with the month's first and last day as parameters and reads one number from its first row: e.g. exact distinct users who visited in the calendar month."),
]);
export type DiscourseQuery = z.infer<typeof discourseQuerySchema>;
/** How each kind's months make a quarter's or year's total. */
export const discourseKinds: KindTable<DiscourseQuery> = {
  active_users: { aggregation: 'none', why: 'active users are distinct people (a person active every month would count three times), and the admin reports give no whole-quarter figure' },
  new_topics: { aggregation: 'sum' },
  posts: { aggregation: 'sum' },
  signups: { aggregation: 'sum' },
  time_to_first_response: { aggregation: 'none', why: 'averages cannot be added across months' },
  data_explorer: { aggregation: 'none', why: 'a saved query may count distinct people, which cannot be added across months, and it is run month by month' },
};
