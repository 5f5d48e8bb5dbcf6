// What the goals file may say about a `github` source: the instance, the token's env var, and the
// organisation or repositories it counts. The API's answers are described in responses.ts.
import { z } from 'zod';
import { envVarName, httpUrl } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

/** GitHub logins and organisation names: letters, digits and single dashes, at most 39 characters. */
const login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: 'must be a GitHub organisation or user name (letters, digits, dashes)' });
const repoPath = z.string().regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, { error: 'must be owner/name, e.g. acme/widget' });

export const githubConfigSchema = z
  .strictObject({
    type: z.literal('github'),
    url: httpUrl('https://github.com, or the URL of a GitHub Enterprise Server (its API is URL/api/v3).').default('https://github.com'),
    api_url: httpUrl('The REST API base when it is not the usual one (tests, proxies): default https://api.github.com for github.com, URL/api/v3 for GitHub Enterprise Server.').optional(),
    token_env: envVarName('Env var holding a token that can read the repositories (classic: public_repo or repo; fine-grained: Metadata, Issues and Pull requests read).'),
    org: login.optional().describe('Count every repository of this organisation (archived and forks included, as GitHub search does).'),
    repos: z.array(repoPath).min(1).max(50).optional().describe('Count these repositories (owner/name) instead of an organisation.'),
    bots: z.array(z.string().min(1)).default([]).describe('Logins of bot accounts GitHub does not mark as bots (a person account running automation); accounts of type Bot and logins ending in [bot] are always excluded.'),
  })
  .superRefine((config, ctx) => {
    if ((config.org === undefined) === (config.repos === undefined)) ctx.addIssue({ code: 'custom', message: 'set exactly one of org (every repository of an organisation) or repos (a list of owner/name)', path: ['org'] });
  })
  .describe('GitHub or GitHub Enterprise Server: pull requests, contributors, stars, forks, issues and response times of an organisation or a list of repositories.');
export type GithubConfig = z.infer<typeof githubConfigSchema>;

const kind = <K extends string>(k: K, description: string) => z.strictObject({ kind: z.literal(k) }).describe(description);

export const githubQuerySchema = z.discriminatedUnion('kind', [
  kind('merged_prs', 'Pull requests merged in the period, bots excluded.'),
  kind('pr_authors', 'Distinct people who authored a pull request merged in the period, bots excluded.'),
  kind('first_time_contributors', 'People whose first merged pull request in these repositories was merged in the period, bots excluded.'),
  kind('stars', 'Stars given in the period (stargazers with starred_at in the period; a star later taken back is not counted).'),
  kind('forks', 'Forks created in the period (forks that still exist).'),
  kind('issues_opened', 'Issues (not pull requests) opened in the period, by anyone.'),
  kind('issues_closed', 'Issues (not pull requests) closed in the period, by anyone.'),
  kind('time_to_first_response', 'Median hours from opening to the first comment or review by someone other than the author (bots excluded), over the issues and pull requests opened in the period that have one (lower is better).'),
]);
export type GithubQuery = z.infer<typeof githubQuerySchema>;

/** How each kind's months make a quarter's or year's total. */
export const githubKinds: KindTable<GithubQuery> = {
  merged_prs: { aggregation: 'sum' },
  pr_authors: { aggregation: 'distinct' },
  first_time_contributors: { aggregation: 'sum' },
  stars: { aggregation: 'sum' },
  forks: { aggregation: 'sum' },
  issues_opened: { aggregation: 'sum' },
  issues_closed: { aggregation: 'sum' },
  time_to_first_response: { aggregation: 'none', why: 'medians cannot be added across months' },
};
