// The one call: a project's daily downloads of the last 180 days. PyPI Stats rate-limits by IP
// without publishing numbers and asks clients to fetch each endpoint at most once a day, so the
// collector asks once per project and run, and the budget is small.
import type { SourceContext } from '../types.ts';
import type { PypiConfig } from './config.ts';
import { overallSchema, recentSchema, type Overall } from './responses.ts';
import { pypiNotFoundHint } from '../../errors/hints.ts';

/** PEP 503 normalisation: lower case, runs of "-", "_", "." become one "-". */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function pypiBudget(ctx: SourceContext, config: PypiConfig): void {
  ctx.http.setBudget(new URL(config.url).host, { concurrency: 1, requestsPerMinute: 30 });
}

export async function overall(ctx: SourceContext, name: string, config: PypiConfig, project: string, mirrors: boolean): Promise<Overall> {
  const base = config.url.replace(/\/+$/, '');
  const res = await ctx.http.request({
    url: `${base}/api/packages/${encodeURIComponent(normalizeName(project))}/overall`,
    query: { mirrors: String(mirrors) },
    schema: overallSchema,
    what: `PyPI Stats downloads of ${project}`,
    notFoundHint: pypiNotFoundHint({ project, source: name, recent: true }),
  });
  return res.data;
}

/** Yesterday's downloads of a project (the smallest answer): proves the name exists. */
export async function recent(ctx: SourceContext, name: string, config: PypiConfig, project: string): Promise<void> {
  const base = config.url.replace(/\/+$/, '');
  await ctx.http.request({
    url: `${base}/api/packages/${encodeURIComponent(normalizeName(project))}/recent`,
    query: { period: 'day' },
    schema: recentSchema,
    what: `PyPI Stats recent downloads of ${project}`,
    notFoundHint: pypiNotFoundHint({ project, source: name, recent: false }),
  });
}
