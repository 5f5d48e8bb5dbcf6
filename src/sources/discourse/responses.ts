// What Discourse answers to this source's requests (api.ts), naming only the fields read.
import { z } from 'zod';
import { apiCount } from '../boundary.ts';

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
export type ReportError = z.infer<typeof reportErrorSchema>;

/** `GET /about.json` (public). */
export const aboutSchema = z.object({
  about: z.object({ stats: z.object({ active_users_30_days: apiCount() }) }),
});
export type About = z.infer<typeof aboutSchema>;

/**
 * `POST /admin/plugins/explorer/queries/:id/run` (discourse-data-explorer): `columns` names the
 * result columns, `rows` holds arrays in that order. A failed query is `success: false` with
 * `errors` (HTTP 422).
 */
export const explorerResultSchema = z.object({
  success: z.boolean(),
  errors: z.array(z.string()).default([]),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.number(), z.string(), z.boolean(), z.null()]))),
});
export type ExplorerResult = z.infer<typeof explorerResultSchema>;
