// The GraphQL documents for merged MRs and for first-time contributors' history (the other kinds keep
// theirs beside their code); every answer's shape is in responses.ts.
// Values travel as variables, never spliced into the document, so a group or username cannot
// change the query's meaning.

/** GitLab's `default_max_page_size`: the most nodes one connection page returns. */
export const PAGE_SIZE = 100;

/** MergeRequestConnection `count` is limited: exact up to 1000, then 1001 whatever the real number. */
export const COUNT_LIMIT = 1000;

export const MERGED_MRS_QUERY = /* GraphQL */ `
  query PulseMergedMrs($group: ID!, $labels: [String!]!, $after: Time!, $before: Time!, $first: Int!, $cursor: String) {
    group(fullPath: $group) {
      mergeRequests(state: merged, labelName: $labels, mergedAfter: $after, mergedBefore: $before, includeSubgroups: true, includeArchived: true, first: $first, after: $cursor) {
        count
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          iid
          webUrl
          createdAt
          mergedAt
          project {
            fullPath
          }
          author {
            username
            name
            bot
            webUrl
            publicEmail
          }
        }
      }
    }
  }
`;

export interface HistoryLookup {
  alias: string;
  group: string;
  username: string;
}

/**
 * One request that asks, for several (group, author) pairs at once, for each author's EARLIEST
 * matching merged MR (`sort: MERGED_AT_ASC, first: 1`): aliased `group` fields. No date argument
 * is sent, so GitLab's widening of `mergedBefore` to the end of a day cannot count an MR merged
 * in the first hours of a month (in a zone ahead of UTC) as "before"; the caller compares the
 * node's `mergedAt` with the period start itself. Archived projects count (history).
 */
export function historyQuery(lookups: readonly HistoryLookup[]): { query: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {};
  const declarations: string[] = ['$labels: [String!]!'];
  const fields: string[] = [];
  lookups.forEach((lookup, i) => {
    declarations.push(`$g${i}: ID!`, `$u${i}: String!`);
    variables[`g${i}`] = lookup.group;
    variables[`u${i}`] = lookup.username;
    fields.push(`${lookup.alias}: group(fullPath: $g${i}) { mergeRequests(state: merged, labelName: $labels, includeSubgroups: true, includeArchived: true, authorUsername: $u${i}, sort: MERGED_AT_ASC, first: 1) { nodes { mergedAt } } }`);
  });
  return { query: `query PulseFirstTimeHistory(${declarations.join(', ')}) {\n  ${fields.join('\n  ')}\n}`, variables };
}
