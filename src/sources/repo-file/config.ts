// What the goals file may say about a `repo-file` source: its connection and its query kinds.
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { envVarName, httpUrl, nonEmpty } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

export const repoFileConfigSchema = z
  .strictObject({
    type: z.literal('repo-file'),
    url: httpUrl('Base URL of the GitLab instance.').default('https://gitlab.com'),
    project: nonEmpty('Project path or id holding the file, e.g. gitlab-com/marketing/heroes.'),
    ref: nonEmpty('Branch, tag or commit to read.').default('main'),
    token_env: envVarName('Env var holding a token with read_api (omit for public projects).').optional(),
  })
  .describe('A YAML or CSV file in a GitLab repository, e.g. an activity log kept by a program.');
export type RepoFileConfig = z.infer<typeof repoFileConfigSchema>;

export const repoFileQuerySchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('count_entries'),
      file: z
        .string()
        .trim()
        .min(1, { error: 'must not be empty' })
        .regex(/\.(ya?ml|csv)$/i, { error: 'must end in .yml, .yaml or .csv (the extension picks the format)' })
        .regex(/^[^/]/, { error: 'must be a path inside the repository, without a leading /' })
        .describe('Path of the file in the repository, e.g. data/heroes/activities.yml. The extension picks the format: .yml, .yaml or .csv.'),
      date_field: nonEmpty("Field (YAML key or CSV column) holding each entry's date: YYYY-MM-DD (a day in the report's time zone) or an ISO 8601 date-time.").default('date'),
      where: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
        .default({})
        .describe('Only count entries whose fields equal these values, e.g. { type: talk }; a list field matches when it contains the value.'),
    })
    .describe('Entries of the file whose date falls in the period.'),
]);
export type RepoFileQuery = z.infer<typeof repoFileQuerySchema>;
export const repoFileKinds: KindTable<RepoFileQuery> = { count_entries: { aggregation: 'sum' } };
