// What Discord's HTTP API v10 answers to this source's one call (api.ts), naming only the fields read.
import { z } from 'zod';
import { apiCount } from '../boundary.ts';

/**
 * `GET /api/v10/guilds/{guild.id}?with_counts=true`: a guild object. The two approximate counts
 * are only present when `with_counts` is true (Guild Resource, Guild Structure).
 */
export const guildSchema = z.object({
  id: z.string(),
  approximate_member_count: apiCount(),
  approximate_presence_count: apiCount(),
});
export type Guild = z.infer<typeof guildSchema>;
