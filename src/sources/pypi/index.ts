// PyPI downloads from PyPI Stats: one request per project answers every month of the last 180
// days, so a backfill costs one request per project; older months cannot be answered.
import { periodDates } from '../../periods/names.ts';
import { defineSource, type MetricOutcome } from '../types.ts';
import { packageOutcome } from '../package-downloads.ts';
import { overall, pypiBudget, recent } from './api.ts';
import { pypiConfigSchema, pypiKinds, pypiQuerySchema, type PypiQuery } from './config.ts';
import type { Overall } from './responses.ts';

/** Downloads per UTC day of one project, and the first and last day PyPI Stats still holds. */
interface Series {
  days: Map<string, number>;
  first: string;
  last: string;
}

function seriesOf(answer: Overall, mirrors: boolean): Series {
  const category = mirrors ? 'with_mirrors' : 'without_mirrors';
  const days = new Map<string, number>();
  for (const row of answer.data) if (row.category === category) days.set(row.date, (days.get(row.date) ?? 0) + row.downloads);
  const sorted = [...days.keys()].sort();
  return { days, first: sorted[0] ?? '', last: sorted.at(-1) ?? '' };
}

export const pypiSource = defineSource({
  type: 'pypi',
  summary: 'PyPI package downloads per month (PyPI Stats, last 180 days only), several packages summed and listed.',
  configSchema: pypiConfigSchema,
  querySchema: pypiQuerySchema,
  kinds: pypiKinds,
  connectionSettings: ['url'],
  createCollector: (ctx, name, config) => {
    pypiBudget(ctx, config);
    const asked = new Map<string, Promise<Overall>>();
    const answerOf = (project: string, mirrors: boolean): Promise<Overall> => {
      const key = `${project}\u0000${String(mirrors)}`;
      let answer = asked.get(key);
      if (!answer) {
        answer = overall(ctx, name, config, project, mirrors);
        asked.set(key, answer);
      }
      return answer;
    };

    return {
      async collect({ query }: { query: PypiQuery }, period): Promise<MetricOutcome> {
        const { startDate, endDate } = periodDates(period);
        const rows = await Promise.all(query.packages.map(async (project) => ({ project, series: seriesOf(await answerOf(project, query.mirrors), query.mirrors) })));
        for (const { project, series } of rows) {
          if (series.first === '' || series.first > startDate) {
            return { value: null, status: 'unavailable', reason: `PyPI Stats keeps the last 180 days only (${project}: from ${series.first || 'no day'}), so ${period.label} cannot be counted whole` };
          }
          if (series.last < endDate) {
            return { value: null, status: 'unavailable', reason: `PyPI Stats has counted ${project} up to ${series.last} only, not the whole of ${period.label} (updated once a day)` };
          }
        }
        return packageOutcome(
          rows.map(({ project, series }) => {
            let sum = 0;
            for (const [day, n] of series.days) if (day >= startDate && day <= endDate) sum += n;
            return { name: project, downloads: sum };
          }),
        );
      },
    };
  },
  // The smallest answer per project (`recent?period=day`): proves the service answers and every name exists.
  verify: async (ctx, name, config, queries) => {
    pypiBudget(ctx, config);
    const projects = new Set(queries.flatMap((q) => q.packages));
    for (const project of projects) await recent(ctx, name, config, project);
  },
});
