// What the goals file may say about a `discord` source: its connection and its query kinds.
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { envVarName, httpUrl } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

export const discordConfigSchema = z
  .strictObject({
    type: z.literal('discord'),
    guild_id: z
      .string()
      .regex(/^\d{17,20}$/, { error: 'must be a guild (server) id like 613425648685547541: 17 to 20 digits (Discord: Server Settings > Widget, or Copy Server ID in developer mode)' })
      .describe('The guild (server) id: a snowflake of 17 to 20 digits.'),
    bot_token_env: envVarName('Env var holding the bot token of a bot that is a member of the guild.'),
    url: httpUrl('Discord API base URL (override for tests).').default('https://discord.com'),
  })
  .describe('A Discord server (guild), through a bot token: its approximate member and online counts now.');
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

export const discordQuerySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('members') }).describe("Members of the guild (Discord's approximate count, sampled when the report is collected): an estimate, level at collection time."),
  z.strictObject({ kind: z.literal('online_members') }).describe("Members not offline (Discord's approximate presence count, sampled when the report is collected): an estimate, level at collection time."),
]);
export type DiscordQuery = z.infer<typeof discordQuerySchema>;

// Both are states at an instant: a quarter's value is its last month's. Neither can be backfilled:
// Discord keeps no history of these counts.
export const discordKinds: KindTable<DiscordQuery> = { members: { aggregation: 'level' }, online_members: { aggregation: 'level' } };
