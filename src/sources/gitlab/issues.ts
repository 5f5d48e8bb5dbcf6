// The `issues` kind: issues with labels in a group (subgroups included) or a project, counted by
// the date field the goals file names — `due_date` (meetups: the event date), `created_at` or
// `closed_at` — falling in the period. GitLab filters by bounds that give the same answer under
// every reading (the reference calls `dueBefore` "on or before", GitLab 17.x's model code has
// `due_date < ?`: the day AFTER the last day is sent, and the day BEFORE the first for dueAfter;
// instants are widened to whole UTC days, see day-bounds.ts), and every issue's own date is
// checked again here, so neither rule nor a server that ignores an argument moves a month edge.
// Group issues include archived projects (`includeArchived: true`): past events still happened.
// Confidential issues, and issues of projects that are not public (private or internal), are
// counted, but their title and link are never kept (the page, the PI data and the committed
// snapshot are public): see ../confidential.ts and visibility.ts.
import type { Period } from '../../periods/periods.ts';
import type { BreakdownItem, MetricOutcome } from '../types.ts';
import { periodDates } from '../../periods/names.ts';
import { readConnection } from './paging.ts';
import type { GitlabApi } from './connection.ts';
import { IssueNode } from './responses.ts';
import { dayEndCovering, dayIn, dayStartAtOrBefore, shiftDay } from './day-bounds.ts';
import { WITHHELD, withheldItem } from '../confidential.ts';
import type { ProjectVisibility } from './visibility.ts';

export type IssueDateField = 'due_date' | 'created_at' | 'closed_at';

export interface IssuesQuery {
  group?: string | undefined;
  project?: string | undefined;
  labels: string[];
  date_field: IssueDateField;
  state: 'opened' | 'closed' | 'all';
}

const ARGS: Record<IssueDateField, [string, string]> = {
  due_date: ['dueAfter', 'dueBefore'],
  created_at: ['createdAfter', 'createdBefore'],
  closed_at: ['closedAfter', 'closedBefore'],
};

function issuesDocument(root: 'group' | 'project', field: IssueDateField): string {
  const [after, before] = ARGS[field];
  const subgroups = root === 'group' ? ' includeSubgroups: true, includeArchived: true,' : '';
  return /* GraphQL */ `
  query PulseIssues($path: ID!, $labels: [String!], $state: IssuableState, $after: Time!, $before: Time!, $first: Int!, $cursor: String) {
    ${root}(fullPath: $path) {
      issues(labelName: $labels, state: $state,${subgroups} ${after}: $after, ${before}: $before, first: $first, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { iid title webUrl createdAt closedAt dueDate confidential projectId }
      }
    }
  }`;
}

/** The issue's day in the period (in the report's zone), or undefined; a due date is a calendar day (no zone). */
function inPeriod(issue: IssueNode, field: IssueDateField, period: Period): string | undefined {
  if (field === 'due_date') {
    const day = issue.dueDate?.slice(0, 10);
    return day !== undefined && day.slice(0, 7) === period.label ? day : undefined;
  }
  const at = field === 'created_at' ? issue.createdAt : issue.closedAt;
  if (at === null) return undefined;
  const ms = Date.parse(at);
  // The day shown is the report zone's, like the month that counted it.
  return ms >= period.start.getTime() && ms < period.end.getTime() ? dayIn(at, period.timeZone) : undefined;
}

/**
 * A breakdown item; a confidential issue, or one whose project is not public (or unknown), keeps
 * only its date (no title, no link, no path).
 */
function itemOf(issue: IssueNode, date: string, publicProjects: ReadonlySet<number>): BreakdownItem {
  const day = date.slice(0, 10);
  if (issue.confidential === true) return withheldItem(WITHHELD.confidentialIssue, issue.webUrl, day);
  if (issue.projectId == null || !publicProjects.has(issue.projectId)) return withheldItem(WITHHELD.nonPublicIssue, issue.webUrl, day);
  return { key: issue.webUrl, label: issue.title, value: 1, date: day, url: issue.webUrl };
}

/** Items kept in the outcome (titles for the page: "which meetups"); the count covers them all. */
const MAX_ITEMS = 50;

/**
 * Issue counts for each period from ONE walk over the whole range (a backfill asks once, not
 * once a month): GitLab filters by the range's bounds, each issue's date picks its month.
 */
export async function countIssues(api: GitlabApi, visibility: ProjectVisibility, query: IssuesQuery, periods: readonly Period[]): Promise<Map<string, MetricOutcome>> {
  const first = periods.reduce<Period | undefined>((a, p) => (a === undefined || p.start < a.start ? p : a), undefined);
  const last = periods.reduce<Period | undefined>((a, p) => (a === undefined || p.end > a.end ? p : a), undefined);
  if (!first || !last) return new Map();
  const root = query.project !== undefined ? 'project' : 'group';
  const path = query.project ?? query.group ?? '';
  // Due dates are days: ask for the first and last day; instants: the periods' bounds.
  const bounds =
    query.date_field === 'due_date' ? { after: `${shiftDay(periodDates(first).startDate, -1)}T00:00:00Z`, before: `${shiftDay(periodDates(last).endDate, 1)}T00:00:00Z` } : { after: dayStartAtOrBefore(first.start), before: dayEndCovering(last.end) };
  // Issues by URL with their counted day, per period; items are made once visibility is known.
  const matched = new Map<string, Map<string, { issue: IssueNode; date: string }>>(periods.map((p) => [p.label, new Map()]));
  const span = periods.length === 1 ? first.label : `${first.label}..${last.label}`;
  await readConnection(api, {
    what: `GitLab issues of ${root} ${path} by ${query.date_field} in ${span}`,
    query: issuesDocument(root, query.date_field),
    variables: { path, labels: query.labels, state: query.state === 'all' ? null : query.state, ...bounds },
    root,
    path,
    field: 'issues',
    node: IssueNode,
    onNodes: (nodes) => {
      for (const issue of nodes) {
        for (const period of periods) {
          const date = inPeriod(issue, query.date_field, period);
          if (date !== undefined) matched.get(period.label)?.set(issue.webUrl, { issue, date });
        }
      }
    },
  });
  const projects = new Set<number>();
  for (const found of matched.values()) for (const { issue } of found.values()) if (issue.confidential !== true && issue.projectId != null) projects.add(issue.projectId);
  const publicProjects = await visibility.publicOf(projects);
  const out = new Map<string, MetricOutcome>();
  for (const period of periods) {
    const found = matched.get(period.label) ?? new Map<string, { issue: IssueNode; date: string }>();
    const items = [...found.values()].map(({ issue, date }) => itemOf(issue, date, publicProjects)).sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? -1 : (a.date ?? '') > (b.date ?? '') ? 1 : a.label.localeCompare(b.label)));
    out.set(period.label, { value: found.size, status: 'ok', breakdown: { kind: 'items', items: items.slice(0, MAX_ITEMS) } });
  }
  return out;
}
