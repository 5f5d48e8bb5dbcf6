// Requests to one Discourse forum: admin reports for a date range and the public about.json.
// Every request goes through the shared HTTP client, paced at the admin API's 60 requests/min.
import type { z } from 'zod';
import type { BodyProblem } from '../../http/types.ts';
import type { SourceContext } from '../types.ts';
import type { DiscourseConfig } from './config.ts';
import { aboutSchema, explorerResultSchema, reportErrorSchema, type About, type ExplorerResult } from './responses.ts';

export interface DateRange {
  startDate: string;
  endDate: string;
}

export interface DiscourseApi {
  /** Whether an admin key is configured (the admin reports need one). */
  readonly hasAdminKey: boolean;
  report<T>(type: string, range: DateRange, schema: z.ZodType<T>): Promise<T>;
  about(): Promise<About>;
  /** Runs a saved Data Explorer query with these parameters (values as the plugin reads them: strings). */
  runQuery(queryId: number, params: Record<string, string>): Promise<ExplorerResult>;
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
  return error === 'timeout' ? { kind: 'transient', message: 'Discourse timed out computing the report (report.error "timeout")' } : { kind: 'query', message: `Discourse failed to compute the report (report.error "${error}")` };
}

export function discourseApi(ctx: SourceContext, config: DiscourseConfig): DiscourseApi {
  const base = config.url.replace(/\/+$/, '');
  ctx.http.setBudget(new URL(base).host, { concurrency: 2, requestsPerMinute: 60 });
  // Read lazily: an unset env var then fails the metrics that need it, not the whole source.
  const headers = (): Record<string, string> => (config.api_key_env ? { 'Api-Key': ctx.secret(config.api_key_env), 'Api-Username': config.api_username } : {});

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
    async runQuery(queryId, params) {
      const res = await ctx.http.request({
        method: 'POST',
        url: `${base}/admin/plugins/explorer/queries/${queryId}/run`,
        headers: headers(),
        // The plugin reads `params` as a JSON object of strings; form fields as its own UI sends them.
        form: { params: JSON.stringify(params), download: 'true' },
        schema: explorerResultSchema,
        what: `Discourse Data Explorer query ${queryId} (${Object.values(params).join('..')})`,
        authHint: `${config.api_key_env ?? 'api_key_env'} must hold an API key of an admin (or a granular key with the "run queries" scope) for user "${config.api_username}".`,
        notFoundHint: `Discourse answers 404 when the Data Explorer plugin is not installed or enabled (data_explorer_enabled), when query ${queryId} does not exist, and when the key is not an admin's: check /admin/plugins/explorer?id=${queryId} on ${base}.`,
        bodyProblem: (body) => {
          const parsed = explorerResultSchema.safeParse(body);
          return parsed.success && !parsed.data.success ? { kind: 'query', message: `Data Explorer query ${queryId} failed: ${parsed.data.errors.join('; ').slice(0, 300)}` } : undefined;
        },
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
