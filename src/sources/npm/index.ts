// npm downloads: the registry's public daily counts per package, summed by month. A backfill asks
// once per package for each run of up to 18 months (the API's limit for a single package).
import type { Period } from '../../periods/periods.ts';
import { periodDates } from '../../periods/names.ts';
import { MonthlyRange, rangeDates } from '../range.ts';
import { defineSource, type MetricOutcome } from '../types.ts';
import { packageOutcome } from '../package-downloads.ts';
import { downloadsRange, npmBudget } from './api.ts';
import { npmConfigSchema, npmKinds, npmQuerySchema, type NpmQuery } from './config.ts';

/** github.com/npm/registry docs/download-counts.md, "Limits": at most 18 months per query. */
export const NPM_MAX_MONTHS = 18;

/** One package's month: its downloads, and the last day npm had counted when asked. */
interface Month {
  downloads: number;
  lastDay: string;
}

export const npmSource = defineSource({
  type: 'npm',
  summary: 'npm package downloads per month (the public downloads API), several packages summed and listed.',
  configSchema: npmConfigSchema,
  querySchema: npmQuerySchema,
  kinds: npmKinds,
  connectionSettings: ['url'],
  createCollector: (ctx, name, config) => {
    npmBudget(ctx, config);
    const byPackage = new Map<string, MonthlyRange<Month>>();

    async function ask(pkg: string, periods: readonly Period[]): Promise<Map<string, Month>> {
      const { startDate, endDate } = rangeDates(periods);
      const range = await downloadsRange(ctx, name, config, pkg, startDate, endDate);
      const months = new Map<string, Month>(periods.map((p) => [p.label, { downloads: 0, lastDay: range.end }]));
      for (const day of range.downloads) {
        const month = months.get(day.day.slice(0, 7));
        if (month && day.day >= startDate && day.day <= endDate) month.downloads += day.downloads;
      }
      return months;
    }

    const rangeOf = (pkg: string): MonthlyRange<Month> => {
      let range = byPackage.get(pkg);
      if (!range) {
        range = new MonthlyRange<Month>({
          fetchRange: (run) => ask(pkg, run),
          fetchMonth: async (period) => (await ask(pkg, [period])).get(period.label) ?? { downloads: 0, lastDay: '' },
          empty: { downloads: 0, lastDay: '' },
          maxMonths: NPM_MAX_MONTHS,
          cacheMonths: true,
          onFallback: (run, error) => ctx.log.info(`npm downloads of ${pkg} for ${run.length} months in one request failed (${error instanceof Error ? error.message : String(error)}); asking month by month`),
        });
        byPackage.set(pkg, range);
      }
      return range;
    };

    return {
      prefetch({ query }: { query: NpmQuery }, periods) {
        for (const pkg of query.packages) rangeOf(pkg).prefetch(periods);
      },
      async collect({ query }: { query: NpmQuery }, period): Promise<MetricOutcome> {
        const months = await Promise.all(query.packages.map(async (pkg) => ({ pkg, month: await rangeOf(pkg).month(period) })));
        const { endDate } = periodDates(period);
        const incomplete = months.find(({ month }) => month.lastDay !== '' && month.lastDay < endDate);
        if (incomplete) {
          return { value: null, status: 'unavailable', reason: `npm has counted downloads up to ${incomplete.month.lastDay} only, not the whole of ${period.label} (counts land daily after UTC midnight)` };
        }
        return packageOutcome(months.map(({ pkg, month }) => ({ name: pkg, downloads: month.downloads })));
      },
    };
  },
  // Yesterday's downloads of each package: proves the API answers and every name exists.
  verify: async (ctx, name, config, queries) => {
    npmBudget(ctx, config);
    const day = new Date(ctx.now().getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    const packages = new Set(queries.flatMap((q) => q.packages));
    for (const pkg of packages) await downloadsRange(ctx, name, config, pkg, day, day);
  },
});
