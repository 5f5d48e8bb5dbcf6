// Discord: the approximate member and online (presence) counts of a guild, read through a bot
// token. They are a level at the moment of collection, not a monthly figure, and Discord keeps no
// history of them: a month can only be recorded while it is the latest finished one.
import type { Period } from '../../periods/periods.ts';
import { defineSource, type MetricOutcome } from '../types.ts';
import { getGuild } from './api.ts';
import { discordConfigSchema, discordKinds, discordQuerySchema } from './config.ts';
import type { Guild } from './responses.ts';

/** A count sampled up to this long after the period's end still stands for "this report". */
export const LATEST_PERIOD_MS = 31 * 24 * 3600 * 1000;

const WHAT: Record<'members' | 'online_members', string> = { members: 'members', online_members: 'online members' };

export const discordSource = defineSource({
  type: 'discord',
  summary: 'Discord: approximate member and online counts of a server (guild), sampled when collected.',
  configSchema: discordConfigSchema,
  querySchema: discordQuerySchema,
  kinds: discordKinds,
  connectionSettings: ['url'],
  createCollector: (ctx, name, config) => {
    // Discord asks clients to follow its X-RateLimit-* headers rather than hard-code limits; the
    // documented ceiling is 50 requests a second per bot. One run makes one request per guild.
    ctx.http.setBudget(new URL(config.url).host, { concurrency: 1, requestsPerMinute: 60 });
    let guild: Promise<Guild> | undefined;
    return {
      async collect({ query }, period: Period): Promise<MetricOutcome> {
        const now = ctx.now();
        if (now.getTime() - period.end.getTime() > LATEST_PERIOD_MS) {
          return {
            value: null,
            status: 'unavailable',
            reason: `Discord gives only today's approximate ${WHAT[query.kind]} count and keeps no history, so ${period.label} cannot be backfilled: it is recorded by the monthly run that reports it`,
          };
        }
        guild ??= getGuild(ctx, name, config);
        const g = await guild;
        return {
          value: query.kind === 'members' ? g.approximate_member_count : g.approximate_presence_count,
          status: 'ok',
          estimate: true,
          note: `Discord's approximate ${WHAT[query.kind]} count, sampled on ${now.toISOString().slice(0, 10)}`,
        };
      },
    };
  },
  verify: async (ctx, name, config) => {
    await getGuild(ctx, name, config);
  },
});
