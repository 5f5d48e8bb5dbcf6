// The one Tally call: a kind's number for a date range (inclusive local dates).
import type { Period } from '../../../src/periods/periods.ts';
import type { SourceContext } from '../../../src/sources/types.ts';
import type { TallyConfig, TallyQuery } from './config.ts';
import { tallyCountSchema } from './responses.ts';

/** First and last day of the period, whatever its length (a month, or a quarter so far). */
function dates(period: Period): { from: string; to: string } {
  const last = new Date(period.end.getTime() - 1);
  return { from: period.start.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

export async function tallyCount(ctx: SourceContext, config: TallyConfig, query: TallyQuery, period: Period): Promise<number> {
  const res = await ctx.http.request({
    url: `${config.api_url.replace(/\/+$/, '')}/v1/workspaces/${encodeURIComponent(config.workspace)}/${query.kind}`,
    query: dates(period),
    headers: { Authorization: `Bearer ${ctx.secret(config.token_env)}` },
    schema: tallyCountSchema,
    what: `Tally ${query.kind} of ${config.workspace} for ${period.label}`,
  });
  return res.data.value;
}
