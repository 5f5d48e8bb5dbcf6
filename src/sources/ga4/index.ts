// Google Analytics 4 (Data API v1beta): page views and active users of a property in a period,
// optionally for some paths only. Authenticates as a service account (JWT grant); the access
// token is fetched once and reused for the run.
import { parseServiceAccountKey, serviceAccountToken, tokenCache } from '../../auth/google/index.ts';
import { defineSource } from '../types.ts';
import type { Period } from '../../periods/periods.ts';
import { MonthlyRange } from '../range.ts';
import { webAnalyticsKinds, webAnalyticsQuerySchema, type WebAnalyticsQuery } from '../web-analytics-query.ts';
import { runReportBody, yearMonth } from './api.ts';
import { ga4ConfigSchema } from './config.ts';
import { runReportResponseSchema } from './responses.ts';

export const GA4_SCOPE = 'https://www.googleapis.com/auth/analytics.readonly';

export const ga4Source = defineSource({
  type: 'ga4',
  summary: 'Google Analytics 4: page views and active users, optionally of some paths; sign-ups (key events) attributed to DevRel content.',
  configSchema: ga4ConfigSchema,
  querySchema: webAnalyticsQuerySchema,
  // Google: "Data processing can take 24-48 hours", and events sent up to 72 hours late (offline
  // devices) are still accepted: a month is final 72 hours after it ends (docs/sources/ga4.md).
  settleHours: 72,
  kinds: webAnalyticsKinds,
  connectionSettings: ['api_url', 'token_url'],
  createCollector: (ctx, name, config) => {
    const api = config.api_url.replace(/\/+$/, '');
    // GA4 allows 10 concurrent requests per property; a monthly report needs a handful.
    ctx.http.setBudget(new URL(api).host, { concurrency: 2, requestsPerMinute: 120 });
    const credentials = () => ctx.secret(config.credentials_env);
    const token = tokenCache(ctx, () => serviceAccountToken(ctx, { credentialsJson: credentials(), scopes: [GA4_SCOPE], tokenUrl: config.token_url }));

    const ranges = new Map<string, MonthlyRange<number>>();

    async function runReport(id: string, query: WebAnalyticsQuery, periods: readonly Period[]): Promise<Map<string, number>> {
      const bearer = await token();
      const account = parseServiceAccountKey(credentials()).client_email;
      const span = periods.length === 1 ? (periods[0]?.label ?? '') : `${periods[0]?.label ?? ''}..${periods.at(-1)?.label ?? ''}`;
      const res = await ctx.http.request({
        method: 'POST',
        url: `${api}/v1beta/properties/${config.property}:runReport`,
        headers: { Authorization: `Bearer ${bearer}` },
        json: runReportBody(query, periods),
        schema: runReportResponseSchema,
        what: `GA4 ${query.kind} of property ${config.property} for ${span}`,
        authHint: `Add the service account ${account} as a Viewer of GA4 property ${config.property} (Admin > Property access management), and check sources.${name}.property.`,
        notFoundHint: `Check sources.${name}.property (${config.property}) is the numeric GA4 property id, and api_url.`,
      });
      const quota = res.data.propertyQuota;
      if (quota) {
        ctx.log.debug(`GA4 property ${config.property} quota after ${id}: ${quota.tokensPerHour?.remaining ?? '?'} tokens left this hour, ${quota.tokensPerDay?.remaining ?? '?'} today`);
      }
      // A month without a row had nothing matching: GA4 leaves rows (or the whole `rows`) out.
      const byMonth = new Map<string, number>();
      for (const p of periods) {
        const row = (res.data.rows ?? []).find((r) => r.dimensionValues[0]?.value === yearMonth(p));
        byMonth.set(p.label, row?.metricValues[0]?.value ?? 0);
      }
      return byMonth;
    }

    const rangeFor = (id: string, query: WebAnalyticsQuery): MonthlyRange<number> => {
      const key = JSON.stringify(query);
      let range = ranges.get(key);
      if (!range) {
        range = new MonthlyRange<number>({
          fetchRange: (run) => runReport(id, query, run),
          fetchMonth: async (period) => (await runReport(id, query, [period])).get(period.label) ?? 0,
          empty: 0,
          onFallback: (run, error) => ctx.log.info(`GA4 ${query.kind} for ${run.length} months in one request failed (${error instanceof Error ? error.message : String(error)}); asking month by month`),
        });
        ranges.set(key, range);
      }
      return range;
    };

    return {
      prefetch({ id, query }, periods) {
        rangeFor(id, query).prefetch(periods);
      },
      async collect({ id, query }, period) {
        return { value: await rangeFor(id, query).month(period), status: 'ok' };
      },
    };
  },
  // The token grant: proves the key parses, is signed correctly and the account exists.
  verify: async (ctx, _name, config) => {
    await serviceAccountToken(ctx, { credentialsJson: ctx.secret(config.credentials_env), scopes: [GA4_SCOPE], tokenUrl: config.token_url });
  },
});
