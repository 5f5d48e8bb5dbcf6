// Requests to one Discourse forum: admin reports for a date range and the public about.json.
// Every request goes through the shared HTTP client, paced at the admin API's 60 requests/min.
import type { z } from 'zod';
import type { BodyProblem } from '../../http/types.ts';
import type { SourceContext } from '../types.ts';
import { aboutSchema, reportErrorSchema, type About, type DiscourseConfig } from './config.ts';

export interface DateRange {
  startDate: string;
  endDate: string;
}

export interface DiscourseApi {
  /** Whether an admin key is configured (the admin reports need one). */
  readonly hasAdminKey: boolean;
  report<T>(type: string, range: DateRange, schema: z.ZodType<T>): Promise<T>;
  about(): Promise<About>;
}

/**
 * Discourse computes reports inside a statement timeout and answers 200 with `report.error:
 * "timeout"` when the query was cancelled (app/models/report.rb) — worth retrying; "exception" is
 * a server-side bug that will not go away by itself.
 */
export function reportProblem(body: unknown): BodyProblem | undefined {
  const parsed = reportErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const error = parsed.data.report.error;
  return error === 'timeout'
    ? { kind: 'transient', message: 'Discourse timed out computing the report (report.error "timeout")' }
    : { kind: 'query', message: `Discourse failed to compute the report (report.error "${error}")` };
}

export function discourseApi(ctx: SourceContext, config: DiscourseConfig): DiscourseApi {
  const base = config.url.replace(/\/+$/, '');
  ctx.http.setBudget(new URL(base).host, { concurrency: 2, requestsPerMinute: 60 });
  // Read lazily: an unset env var then fails the metrics that need it, not the whole source.
  const headers = (): Record<string, string> =>
    config.api_key_env ? { 'Api-Key': ctx.secret(config.api_key_env), 'Api-Username': config.api_username } : {};

  return {
    hasAdminKey: config.api_key_env !== undefined,
    async report(type, range, schema) {
      const res = await ctx.http.request({
        url: `${base}/admin/reports/${type}.json`,
        query: { start_date: range.startDate, end_date: range.endDate },
        headers: headers(),
        schema,
        what: `Discourse report "${type}" ${range.startDate}..${range.endDate}`,
        authHint: `${config.api_key_env ?? 'api_key_env'} must hold a valid Discourse API key for user "${config.api_username}" (an admin, with read access to reports).`,
        notFoundHint: `Discourse answers 404 on admin routes when the key is not an admin's, and for report types this version lacks ("${type}"): check ${config.api_key_env ?? 'api_key_env'} belongs to an admin and sources url ${base}.`,
        bodyProblem: reportProblem,
      });
      return res.data;
    },
    async about() {
      const res = await ctx.http.request({
        url: `${base}/about.json`,
        headers: headers(),
        schema: aboutSchema,
        what: 'Discourse about.json statistics',
        notFoundHint: `Check the forum URL ${base}: /about.json should exist on every Discourse.`,
      });
      return res.data;
    },
  };
}
