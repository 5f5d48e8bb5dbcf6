// The GraphQL documents this source sends and zod schemas naming only the fields it reads.
// Values travel as variables, never spliced into the document, so a group or username cannot
// change the query's meaning.
import { z } from 'zod';
import { apiCount, apiText, apiUrl } from '../boundary.ts';

/** GitLab's `default_max_page_size`: the most nodes one connection page returns. */
export const PAGE_SIZE = 100;

export const MERGED_MRS_QUERY = /* GraphQL */ `
  query PulseMergedMrs($group: ID!, $labels: [String!]!, $after: Time!, $before: Time!, $first: Int!, $cursor: String) {
    group(fullPath: $group) {
      mergeRequests(
        state: merged
        labelName: $labels
        mergedAfter: $after
        mergedBefore: $before
        includeSubgroups: true
        first: $first
        after: $cursor
      ) {
        pageInfo { hasNextPage endCursor }
        nodes {
          iid
          webUrl
          mergedAt
          project { fullPath }
          author { username name bot webUrl }
        }
      }
    }
  }
`;

const Author = z.object({ username: apiText(), name: apiText(), bot: z.boolean(), webUrl: apiUrl() });
export const MrNode = z.object({
  iid: z.string(),
  webUrl: apiUrl().nullable(),
  mergedAt: z.string().nullable(),
  project: z.object({ fullPath: z.string() }),
  // Null for an author the token may not see; such MRs cannot be attributed and are skipped.
  author: Author.nullable(),
});
export type MrNode = z.infer<typeof MrNode>;

export const MergedMrsPage = z.object({
  group: z
    .object({
      mergeRequests: z
        .object({
          pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
          nodes: z.array(MrNode.nullable()),
        })
        .nullable(),
    })
    .nullable(),
});
export type MergedMrsPage = z.infer<typeof MergedMrsPage>;

export interface HistoryLookup {
  alias: string;
  group: string;
  username: string;
}

/**
 * One request that asks, for several (group, author) pairs at once, how many matching MRs each
 * author had merged before an instant: aliased `group` fields, each with a count-only connection.
 */
export function historyQuery(lookups: readonly HistoryLookup[]): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {};
  const declarations: string[] = ['$labels: [String!]!', '$before: Time!'];
  const fields: string[] = [];
  lookups.forEach((lookup, i) => {
    declarations.push(`$g${i}: ID!`, `$u${i}: String!`);
    variables[`g${i}`] = lookup.group;
    variables[`u${i}`] = lookup.username;
    fields.push(
      `${lookup.alias}: group(fullPath: $g${i}) { mergeRequests(state: merged, labelName: $labels, mergedBefore: $before, includeSubgroups: true, authorUsername: $u${i}) { count } }`,
    );
  });
  return { query: `query PulseFirstTimeHistory(${declarations.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables };
}

export const HistoryAnswer = z.record(z.string(), z.object({ mergeRequests: z.object({ count: apiCount().int() }).nullable() }).nullable());
export type HistoryAnswer = z.infer<typeof HistoryAnswer>;
