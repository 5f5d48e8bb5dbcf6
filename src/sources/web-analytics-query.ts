// Query kinds shared by the web analytics sources (ga4, plausible): the same metric can move
// between them without rewriting the goals file.
import { z } from 'zod';
import { nonEmpty } from '../fields/fields.ts';
import type { KindTable } from './types.ts';

const pageFilter = {
  path_prefixes: z.array(nonEmpty('A path prefix, e.g. /blog/.')).min(1).describe('Count pages whose path starts with any of these.').optional(),
  path_regex: nonEmpty('A regular expression (RE2 syntax) matched against the page path.').optional(),
};

function oneFilterAtMost(q: { path_prefixes?: string[] | undefined; path_regex?: string | undefined }, ctx: z.RefinementCtx) {
  if (q.path_prefixes !== undefined && q.path_regex !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'set `path_prefixes` or `path_regex`, not both', path: ['path_regex'] });
  }
}

export const webAnalyticsQuerySchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('pageviews'), ...pageFilter })
    .superRefine(oneFilterAtMost)
    .describe('Page views in the period, optionally of some paths only.'),
  z
    .strictObject({ kind: z.literal('visitors'), ...pageFilter })
    .superRefine(oneFilterAtMost)
    .describe('Unique visitors (GA4 activeUsers) in the period.'),
]);
export type WebAnalyticsQuery = z.infer<typeof webAnalyticsQuerySchema>;
/** How each kind's months make a quarter's or year's total. */
export const webAnalyticsKinds: KindTable<WebAnalyticsQuery> = {
  pageviews: { aggregation: 'sum' },
  visitors: { aggregation: 'none', why: 'unique visitors cannot be added across months (a person visiting every month would count three times), and no whole-period figure is collected yet' },
};
