// When a GitLab token expires, for the sources that read GitLab with one (gitlab, repo-file): GitLab
// answers GET /personal_access_tokens/self for personal, group and project access tokens whatever
// their scopes (doc/api/personal_access_tokens.md "Self-inform"; lib/api/personal_access_tokens/
// self_information.rb allows every scope), with `expires_at` "YYYY-MM-DD" or null. One REST request
// per env var name a run (verify asks each name once).
import { z } from 'zod';
import type { SourceContext, TokenExpiry } from './types.ts';

const TokenSelf = z.object({
  expires_at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/)
    .nullable()
    .optional(),
});

export async function gitlabTokenExpiry(ctx: SourceContext, instance: string, tokenEnv: string | undefined): Promise<TokenExpiry[]> {
  if (tokenEnv === undefined) return [];
  const base = instance.replace(/\/+$/, '');
  const { data } = await ctx.http.request({
    url: `${base}/api/v4/personal_access_tokens/self`,
    headers: { 'PRIVATE-TOKEN': ctx.secret(tokenEnv) },
    schema: TokenSelf,
    what: `the expiry date of ${tokenEnv}`,
  });
  return [{ env: tokenEnv, expiresAt: data.expires_at?.slice(0, 10) ?? null, renew: `Settings → Access tokens → Rotate on ${base}, or POST /personal_access_tokens/self/rotate` }];
}
