import { z } from 'zod';
import { apiCount } from '../boundary.ts';
import { envVarName, httpUrl, nonEmpty } from '../../fields/fields.ts';

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
  kind(
    'active_users',
    'Distinct users who visited in the 30 days ending on the period\'s last day (admin reports), or the rolling 30-day figure of /about.json sampled at collection time without an admin key.',
  ),
  kind('new_topics', 'Topics created in the period.'),
  kind('posts', 'Posts created in the period.'),
  kind('signups', 'New accounts in the period.'),
  kind('time_to_first_response', 'Mean of the daily average hours until a new topic gets its first reply (lower is better).'),
]);
export type DiscourseQuery = z.infer<typeof discourseQuerySchema>;
export const discourseKinds = ['active_users', 'new_topics', 'posts', 'signups', 'time_to_first_response'] as const;

// ---- API responses (only the fields used) ----

/** One day of an admin report: `x` is the day ("2026-10-31"), `y` the value. */
export const reportPointSchema = z.object({ x: z.string(), y: apiCount() });
export type ReportPoint = z.infer<typeof reportPointSchema>;

/** `GET /admin/reports/{type}.json` for single-series reports (topics, posts, signups, ...). */
export const reportSchema = z.object({ report: z.object({ data: z.array(reportPointSchema) }) });
export type Report = z.infer<typeof reportSchema>;

/**
 * `visits` is stacked in recent Discourse (`[{req:"desktop",data:[...]},{req:"mobile",data:[...]}]`)
 * and a flat list of points in older versions: accept both.
 */
export const visitsReportSchema = z.object({
  report: z.object({
    data: z.array(z.union([reportPointSchema, z.object({ req: z.string(), data: z.array(reportPointSchema) })])),
  }),
});
export type VisitsReport = z.infer<typeof visitsReportSchema>;

/** A report that failed inside a 200: `report.error` is "timeout" or "exception". */
export const reportErrorSchema = z.object({ report: z.object({ error: z.string() }) });

/** `GET /about.json` (public). */
export const aboutSchema = z.object({
  about: z.object({ stats: z.object({ active_users_30_days: apiCount() }) }),
});
export type About = z.infer<typeof aboutSchema>;
