// The one call: Get Guild with counts, authenticated as a bot.
import type { SourceContext } from '../types.ts';
import type { DiscordConfig } from './config.ts';
import { guildSchema, type Guild } from './responses.ts';

export async function getGuild(ctx: SourceContext, name: string, config: DiscordConfig): Promise<Guild> {
  const base = config.url.replace(/\/+$/, '');
  const token = ctx.secret(config.bot_token_env);
  const res = await ctx.http.request({
    url: `${base}/api/v10/guilds/${config.guild_id}`,
    query: { with_counts: true },
    headers: { Authorization: `Bot ${token}` },
    schema: guildSchema,
    what: `Discord guild ${config.guild_id} with counts`,
    authHint: `${config.bot_token_env} must hold the token of a bot (Developer Portal > your application > Bot > Token) that has been added to guild ${config.guild_id}; a 403 means the bot is not a member of it.`,
    notFoundHint: `Check sources.${name}.guild_id (${config.guild_id}): Discord knows no guild with that id.`,
  });
  return res.data;
}
