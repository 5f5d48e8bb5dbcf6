// The one call: daily downloads of one package over a range of days. The docs do not publish a
// rate limit (a 429 is retried as the HTTP client retries any); we stay gentle.
import type { SourceContext } from '../types.ts';
import type { NpmConfig } from './config.ts';
import { rangeSchema, type Range } from './responses.ts';

/**
 * Scoped names go in the path as they are (`/downloads/range/…/@slack/client`, as the docs'
 * examples do); each part is still percent-encoded so nothing else reaches the path.
 */
export function packagePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/').replace(/^%40/, '@');
}

export function npmBudget(ctx: SourceContext, config: NpmConfig): void {
  ctx.http.setBudget(new URL(config.url).host, { concurrency: 2, requestsPerMinute: 60 });
}

export async function downloadsRange(ctx: SourceContext, name: string, config: NpmConfig, pkg: string, startDate: string, endDate: string): Promise<Range> {
  const base = config.url.replace(/\/+$/, '');
  const res = await ctx.http.request({
    url: `${base}/downloads/range/${startDate}:${endDate}/${packagePath(pkg)}`,
    schema: rangeSchema,
    what: `npm downloads of ${pkg} ${startDate}..${endDate}`,
    notFoundHint: `npm knows no package "${pkg}" (sources.${name}: check the name in the metric's packages, scoped names as @scope/name).`,
  });
  return res.data;
}
