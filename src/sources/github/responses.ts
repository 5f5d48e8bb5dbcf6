// What the GitHub REST API answers to this source's requests (api.ts), naming only the fields read.
// Text that reaches reports (logins, titles) goes through apiText: cut and secret-masked.
import { z } from 'zod';
import { apiCount, apiText, apiUrl } from '../boundary.ts';

/** A user as GitHub embeds it (simple-user); `type` is "User", "Bot" or "Organization". */
export const userSchema = z.object({ login: apiText(), type: z.string().default('User'), html_url: apiUrl().optional() });
export type User = z.infer<typeof userSchema>;

/** One item of `GET /search/issues` (issues and pull requests share it). */
export const searchItemSchema = z.object({
  number: z.number().int(),
  title: apiText(),
  html_url: apiUrl(),
  /** `https://api.github.com/repos/OWNER/NAME`: which repository the item belongs to. */
  repository_url: z.string(),
  user: userSchema.nullable(),
  created_at: z.string(),
  closed_at: z.string().nullable().default(null),
  pull_request: z.object({ merged_at: z.string().nullable().default(null) }).optional(),
});
export type SearchItem = z.infer<typeof searchItemSchema>;

/** `GET /search/issues`: at most 1,000 results reachable, `incomplete_results` when it timed out. */
export const searchSchema = z.object({ total_count: apiCount(), incomplete_results: z.boolean(), items: z.array(searchItemSchema) });
export type Search = z.infer<typeof searchSchema>;

/** `GET /repos/{owner}/{repo}/stargazers` with `Accept: application/vnd.github.star+json`. */
export const stargazersSchema = z.array(z.object({ starred_at: z.string(), user: userSchema.nullable() }));
export type Stargazers = z.infer<typeof stargazersSchema>;

/** `GET /repos/{owner}/{repo}/forks?sort=newest`: the fork's creation time. */
export const forksSchema = z.array(z.object({ full_name: apiText(), created_at: z.string() }));
export type Forks = z.infer<typeof forksSchema>;

/** `GET /orgs/{org}/repos`: the repositories of an organisation. */
export const reposSchema = z.array(z.object({ full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/) }));
export type Repos = z.infer<typeof reposSchema>;

/** `GET /repos/{owner}/{repo}/issues/{n}/comments` and `/pulls/{n}/reviews` (reviews: submitted_at). */
export const commentsSchema = z.array(z.object({ user: userSchema.nullable(), created_at: z.string().optional(), submitted_at: z.string().nullable().optional() }));
export type Comments = z.infer<typeof commentsSchema>;

/** `GET /user`, `GET /orgs/{org}`, `GET /repos/{owner}/{repo}`: only that they answer. */
export const anyObjectSchema = z.object({}).loose();
export type AnyObject = z.infer<typeof anyObjectSchema>;
