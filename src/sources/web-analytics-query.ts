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
  z
    .strictObject({
      kind: z.literal('signups'),
      event: nonEmpty('The sign-up or trial: a GA4 key event name (e.g. sign_up) or a Plausible goal name (e.g. Signup).'),
      landing_page_prefixes: z.array(nonEmpty('A path prefix, e.g. /blog/.')).min(1).describe('Count conversions of visits whose landing (entry) page starts with any of these.').optional(),
      source_mediums: z
        .array(nonEmpty('"source / medium", e.g. "youtube / video".').regex(/^[^/]+ \/ [^/]+$/, { error: 'must be "source / medium", e.g. "youtube / video"' }))
        .min(1)
        .describe('…or whose source / medium (UTM) is one of these.')
        .optional(),
      campaigns: z.array(nonEmpty('A UTM campaign name, e.g. devrel-heroes.')).min(1).describe('…or whose UTM campaign is one of these.').optional(),
    })
    .superRefine((q, ctx) => {
      if (q.landing_page_prefixes === undefined && q.source_mediums === undefined && q.campaigns === undefined) {
        ctx.addIssue({ code: 'custom', message: "say which conversions are DevRel's: set landing_page_prefixes, source_mediums or campaigns (any of them match)", path: ['event'] });
      }
    })
    .describe('Demand generation: sign-ups or trials (a GA4 key event, a Plausible goal) in the period from visits that landed on DevRel content or came from its UTM sources or campaigns.'),
]);
export type WebAnalyticsQuery = z.infer<typeof webAnalyticsQuerySchema>;
/** The page-traffic kinds (pageviews, visitors): filtered by page path. */
export type PageQuery = Exclude<WebAnalyticsQuery, { kind: 'signups' }>;
/** The demand-generation kind. */
export type SignupsQuery = Extract<WebAnalyticsQuery, { kind: 'signups' }>;
/** How each kind's months make a quarter's or year's total. */
export const webAnalyticsKinds: KindTable<WebAnalyticsQuery> = {
  pageviews: { aggregation: 'sum' },
  visitors: { aggregation: 'none', why: 'unique visitors cannot be added across months (a person visiting every month would count three times), and no whole-period figure is collected yet' },
  // Each conversion happens once: the months add up.
  signups: { aggregation: 'sum' },
};
