// The per-release series: merged MRs with the labels that carry a release milestone (GitLab's
// releases are milestones named like "17.5"), counted per milestone. A report month shows the
// releases whose milestone is DUE in that month (GitLab ships once a month, on its due date), so
// the monthly value is that release's count and the breakdown lists each release.
import { PulseError } from '../../errors.ts';
import type { Period } from '../../periods/periods.ts';
import type { BreakdownItem, MetricOutcome } from '../types.ts';
import { isBot, normaliseUsername } from './bots.ts';
import { readConnection } from './paging.ts';
import type { GitlabApi } from './connection.ts';
import { MilestoneMrNode, MilestoneNode } from './responses.ts';

const MILESTONES_QUERY = /* GraphQL */ `
  query PulseMilestones($path: ID!, $first: Int!, $cursor: String) {
    group(fullPath: $path) {
      milestones(includeDescendants: true, first: $first, after: $cursor) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          title
          dueDate
        }
      }
    }
  }
`;

const MILESTONE_MRS_QUERY = /* GraphQL */ `
  query PulseMilestoneMrs($path: ID!, $labels: [String!]!, $milestone: String!, $first: Int!, $cursor: String) {
    group(fullPath: $path) {
      mergeRequests(state: merged, labelName: $labels, milestoneTitle: $milestone, includeSubgroups: true, includeArchived: true, first: $first, after: $cursor) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          iid
          project {
            fullPath
          }
          author {
            username
            bot
          }
        }
      }
    }
  }
`;

export interface MilestoneQuery {
  groups: readonly string[];
  labels: readonly string[];
  exclude_users: readonly string[];
  /** Also left out (a `community` rule: members of the company's groups), by normalised username. */
  excluded?: (username: string) => boolean;
  milestone_pattern: string;
}

export class MilestoneCounter {
  readonly #api: GitlabApi;
  /** group → its milestones (title, due day), listed once per run. */
  readonly #milestones = new Map<string, Promise<Array<{ title: string; due: string | null }>>>();
  /** groups|labels|title → MR keys and authors, fetched once per run. */
  readonly #mrs = new Map<string, Promise<Map<string, string>>>();

  constructor(api: GitlabApi) {
    this.#api = api;
  }

  async collect(query: MilestoneQuery, period: Period): Promise<MetricOutcome> {
    let pattern: RegExp;
    try {
      pattern = new RegExp(query.milestone_pattern);
    } catch {
      throw new PulseError('EGOALSINVALID', `milestone_pattern ${JSON.stringify(query.milestone_pattern)} is not a valid regular expression`, 'Use a JavaScript regular expression, e.g. "^\\\\d+\\\\.\\\\d+$" for 17.5.');
    }
    const all = (await Promise.all(query.groups.map((g) => this.#milestonesOf(g)))).flat();
    const due = new Map<string, string>();
    for (const m of all) if (m.due !== null && m.due.slice(0, 7) === period.label && pattern.test(m.title)) due.set(m.title, m.due);
    if (due.size === 0) {
      return { value: null, status: 'unavailable', reason: `no milestone matching ${query.milestone_pattern} is due in ${period.label} in ${query.groups.join(', ')}` };
    }
    const excluded = new Set(query.exclude_users.map(normaliseUsername));
    const items: BreakdownItem[] = [];
    for (const [title, day] of [...due.entries()].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const mrs = await this.#mergedFor(query, title);
      let count = 0;
      for (const author of mrs.values()) if (!excluded.has(author) && query.excluded?.(author) !== true) count++;
      items.push({ key: title, label: title, value: count, date: day });
    }
    return { value: items.reduce((s, i) => s + (i.value ?? 0), 0), status: 'ok', breakdown: { kind: 'releases', items } };
  }

  #milestonesOf(group: string): Promise<Array<{ title: string; due: string | null }>> {
    let list = this.#milestones.get(group);
    if (!list) {
      const found: Array<{ title: string; due: string | null }> = [];
      list = readConnection(this.#api, {
        what: `GitLab milestones of group ${group}`,
        query: MILESTONES_QUERY,
        variables: { path: group },
        root: 'group',
        path: group,
        field: 'milestones',
        node: MilestoneNode,
        onNodes: (nodes) => {
          for (const n of nodes) found.push({ title: n.title, due: n.dueDate === null ? null : n.dueDate.slice(0, 10) });
        },
      }).then(() => found);
      this.#milestones.set(group, list);
    }
    return list;
  }

  /** MR key → author key of the human-authored merged MRs with the milestone, across the groups. */
  #mergedFor(query: MilestoneQuery, title: string): Promise<Map<string, string>> {
    const memo = JSON.stringify([query.groups, query.labels, title]);
    let answer = this.#mrs.get(memo);
    if (!answer) {
      const mrs = new Map<string, string>();
      answer = Promise.all(
        query.groups.map((group) =>
          readConnection(this.#api, {
            what: `GitLab merged MRs of group ${group} in milestone ${title}`,
            query: MILESTONE_MRS_QUERY,
            variables: { path: group, labels: query.labels, milestone: title },
            root: 'group',
            path: group,
            field: 'mergeRequests',
            node: MilestoneMrNode,
            onNodes: (nodes) => {
              for (const n of nodes) if (n.author && !isBot(n.author)) mrs.set(`${n.project.fullPath}!${n.iid}`, normaliseUsername(n.author.username));
            },
          }),
        ),
      ).then(() => mrs);
      this.#mrs.set(memo, answer);
    }
    return answer;
  }
}
