// What the Discourse API answers, only the fields used: admin reports and about.json.
import { z } from 'zod';

/** One day of an admin report: `x` is the day ("2026-10-31"), `y` the value. */
export const reportPointSchema = z.object({ x: z.string(), y: z.number() });
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
  about: z.object({ stats: z.object({ active_users_30_days: z.number() }) }),
});
export type About = z.infer<typeof aboutSchema>;
