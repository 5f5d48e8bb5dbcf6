// What the organisation kinds read besides the merged-MR windows: the organisations file (one
// request per run, whatever the number of metrics and months) and, for `state: any`, the MRs
// opened in a period whatever their state (one walk per group per period).
import { PulseError } from '../../errors.ts';
import { gitlabReadTokenHint } from '../../errors/hints.ts';
import { gitlabClient } from '../../http/gitlab.ts';
import type { SourceContext } from '../types.ts';
import { isBot, normaliseUsername } from './bots.ts';
import type { GitlabConfig } from './config.ts';
import type { GitlabApi } from './connection.ts';
import { dayEndCovering, dayStartAtOrBefore } from './day-bounds.ts';
import { parseOrganisations, type OrganisationsDirectory } from './organisations.ts';
import { readConnection } from './paging.ts';
import { OpenedMrNode, RawOrganisationsFile } from './responses.ts';
import type { Contribution } from './window.ts';

/** Reads the organisations file once; the promise (a failure too) is kept for the run. */
export function organisationsReader(ctx: SourceContext, name: string, config: GitlabConfig): () => Promise<OrganisationsDirectory> {
  let pending: Promise<OrganisationsDirectory> | undefined;
  return () => {
    pending ??= (async () => {
      const file = config.organisations;
      if (!file) {
        throw new PulseError(
          'EQUERY',
          `sources.${name} has no organisations file, which the organisation kinds read`,
          `Add organisations: { project: <path>, file: <organisations.yml or .csv> } to sources.${name} (docs/sources/gitlab.md#the-organisations-file).`,
        );
      }
      const tokenEnv = file.token_env ?? config.token_env;
      const rest = gitlabClient(ctx.http, {
        url: file.url ?? config.url,
        token: ctx.secret(tokenEnv),
        authHint: gitlabReadTokenHint({ env: tokenEnv, sees: file.project }),
        notFoundHint: `Check sources.${name}.organisations: project "${file.project}", file "${file.file}" and ref "${file.ref}"; GitLab also answers 404 for a project the token in ${tokenEnv} cannot read.`,
      });
      const text = await rest.get({
        path: `${rest.projectPath(file.project)}/repository/files/${encodeURIComponent(file.file)}/raw`,
        query: { ref: file.ref },
        responseType: 'text',
        schema: RawOrganisationsFile,
        what: `GitLab file ${file.file} in ${file.project} (organisations)`,
      });
      return parseOrganisations(text, file.file);
    })();
    return pending;
  };
}

const OPENED_MRS_QUERY = /* GraphQL */ `
  query PulseOpenedMrs($path: ID!, $labels: [String!]!, $after: Time!, $before: Time!, $first: Int!, $cursor: String) {
    group(fullPath: $path) {
      mergeRequests(state: all, labelName: $labels, createdAfter: $after, createdBefore: $before, includeSubgroups: true, includeArchived: true, first: $first, after: $cursor) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          iid
          createdAt
          project {
            fullPath
          }
          author {
            username
            bot
            webUrl
            publicEmail
          }
        }
      }
    }
  }
`;

export interface OpenedKey {
  groups: readonly string[];
  labels: readonly string[];
  start: Date;
  end: Date;
}

/** MRs with the labels opened in [start, end), any state now, humans only, each MR once across groups. */
export async function openedContributions(api: GitlabApi, key: OpenedKey): Promise<Contribution[]> {
  const out: Contribution[] = [];
  const seen = new Set<string>();
  const start = key.start.getTime();
  const end = key.end.getTime();
  for (const group of key.groups) {
    await readConnection(api, {
      what: `GitLab MRs opened in group ${group}`,
      query: OPENED_MRS_QUERY,
      // Whole UTC days around the range; each node is checked against [start, end) below.
      variables: { path: group, labels: key.labels, after: dayStartAtOrBefore(key.start), before: dayEndCovering(key.end) },
      root: 'group',
      path: group,
      field: 'mergeRequests',
      node: OpenedMrNode,
      onNodes(nodes) {
        for (const n of nodes) {
          const at = Date.parse(n.createdAt);
          const id = `${n.project.fullPath}!${n.iid}`;
          if (!(at >= start && at < end) || seen.has(id) || !n.author || isBot(n.author)) continue;
          seen.add(id);
          out.push({ author: normaliseUsername(n.author.username), username: n.author.username, webUrl: n.author.webUrl, email: n.author.publicEmail ?? null, at });
        }
      },
    });
  }
  return out;
}
