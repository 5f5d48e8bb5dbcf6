// A generic JSON source for APIs the tool has no source for: one HTTPS request per month (the
// month's dates as template variables), one number picked from the answer by a small path
// expression (select.ts). It follows the rules of every source: the HTTP client's budget, deadline,
// body cap (1 MB by default here) and masking; the credential only from an env var, only over https.
import { PulseError } from '../../errors.ts';
import { periodOf, type Period } from '../../periods/periods.ts';
import { defineSource, type MetricOutcome } from '../types.ts';
import { fetchMonth } from './api.ts';
import { jsonConfigSchema, jsonKinds, jsonQuerySchema, type JsonQuery } from './config.ts';
import { selectedNumberSchema } from './responses.ts';
import { parsePath, selectValue } from './select.ts';

/** Picks the query's number out of an answer, or fails as EBADRESPONSE naming the path that failed. */
export function pickNumber(data: unknown, query: JsonQuery, name: string): number {
  const path = parsePath(query.select);
  if ('error' in path) throw new PulseError('EQUERY', `select ${path.error}`, `fix select in the metric's query (docs/sources/json.md, "Path expressions")`);
  const found = selectValue(data, path);
  if ('error' in found) throw new PulseError('EBADRESPONSE', `source ${name}: select ${query.select}: ${found.error}`, `compare select with the API's answer (run the request by hand), or fix sources.${name}.url`);
  const number = selectedNumberSchema.safeParse(found.value);
  if (!number.success) {
    const value = found.value;
    const shown = typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value === 'number' ? String(value) : (JSON.stringify(value)?.slice(0, 40) ?? String(value));
    const why = typeof value !== 'number' ? 'is not a number' : !Number.isFinite(value) ? 'is not finite (a number too large for the answer to be exact)' : (number.error.issues[0]?.message ?? 'is not a usable number');
    throw new PulseError('EBADRESPONSE', `source ${name}: select ${query.select} found ${shown}, which ${why}`, 'point select at a JSON number that is finite and not negative (a count, an amount, a rate)');
  }
  return number.data;
}

export const jsonSource = defineSource({
  type: 'json',
  summary: 'Any HTTPS API that answers JSON: a number per month, picked by a path expression.',
  configSchema: jsonConfigSchema,
  querySchema: jsonQuerySchema,
  kinds: jsonKinds,
  connectionSettings: ['credential_header', 'credential_prefix', 'requests_per_minute', 'max_body_bytes'],
  createCollector: (ctx, name, config) => {
    const perMinute = config.requests_per_minute ?? 60;
    ctx.http.setBudget(new URL(config.url).host, { concurrency: 2, requestsPerMinute: perMinute, ...(config.requests_per_minute ? { fixed: true } : {}) });
    // Metrics that read different numbers of the same month's answer share one request.
    const answers = new Map<string, Promise<unknown>>();
    const answer = (period: Period): Promise<unknown> => {
      let found = answers.get(period.label);
      if (!found) {
        found = fetchMonth(ctx, name, config, period);
        answers.set(period.label, found);
      }
      return found;
    };
    return {
      async collect({ query }, period): Promise<MetricOutcome> {
        return { value: pickNumber(await answer(period), query, name), status: 'ok' };
      },
    };
  },
  verify: async (ctx, name, config, queries) => {
    // The latest finished month, like the monthly run; every metric's path must find a number.
    const now = ctx.now();
    const year = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
    const month = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
    const data = await fetchMonth(ctx, name, config, periodOf({ year, month }));
    for (const query of queries) pickNumber(data, query, name);
  },
});
