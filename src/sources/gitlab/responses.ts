// What GitLab's GraphQL API (and, for members/all, its REST API) answers to this source's documents, naming only the fields read. The
// documents live beside the code that sends them (api.ts, issues.ts, milestones.ts, open-age.ts,
// first-review.ts, verify.ts); a null group or project means not found or invisible to the token.
import { z } from 'zod';
import { apiCount, apiText, apiUrl } from '../boundary.ts';

/** A connection's keyset cursor (`first: 100`, `after: endCursor`). */
export const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
export type PageInfo = z.infer<typeof PageInfo>;

/** `{ <root>: { <field>: { pageInfo, nodes } | null } | null }` for a node schema (paging.ts reads it). */
export function connectionPage<N extends z.ZodType>(root: 'group' | 'project', field: string, node: N) {
  return z.object({
    [root]: z.object({ [field]: z.object({ pageInfo: PageInfo, nodes: z.array(node.nullable()) }).nullable() }).nullable(),
  });
}

// ---- merged MRs of a window (api.ts MERGED_MRS_QUERY, window.ts) ----

// publicEmail: null when the user shows no public email (or an older GitLab without the field);
// the organisation kinds match its domain against the organisations file (organisations.ts).
const Author = z.object({ username: apiText(), name: apiText(), bot: z.boolean(), webUrl: apiUrl(), publicEmail: z.string().nullish() });
export const MrNode = z.object({
  iid: z.string(),
  webUrl: apiUrl().nullable(),
  mergedAt: z.string().nullable(),
  // Optional so an older GitLab (or a trimmed fixture) without it still counts MRs; time to merge then has no data.
  createdAt: z.string().nullish(),
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
          /** Matching MRs of the whole window (a backfill decides from it whether one walk pays off). */
          count: z.number().int().nullish(),
          pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
          nodes: z.array(MrNode.nullable()),
        })
        .nullable(),
    })
    .nullable(),
});
export type MergedMrsPage = z.infer<typeof MergedMrsPage>;

// ---- first-time contributors: earlier merged MRs per (group, author) (api.ts historyQuery) ----

/** Each alias: the author's earliest matching merged MR (or none). */
export const HistoryAnswer = z.record(z.string(), z.object({ mergeRequests: z.object({ nodes: z.array(z.object({ mergedAt: z.string().nullable() }).nullable()) }).nullable() }).nullable());
export type HistoryAnswer = z.infer<typeof HistoryAnswer>;

// ---- verification: one aliased `group { id }` per group the metrics name (verify.ts) ----

export const GroupAnswer = z.record(z.string(), z.object({ id: z.string() }).nullable());
export type GroupAnswer = z.infer<typeof GroupAnswer>;

// ---- issues (issues.ts) ----

export const IssueNode = z.object({
  iid: z.string(),
  title: apiText(),
  webUrl: apiUrl(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  // Optional for an older GitLab; a confidential issue is counted but its title and link are never kept.
  confidential: z.boolean().nullish(),
  // The issue's project (null for a group-level work item); its visibility decides whether the
  // title and link may be kept (visibility.ts). Missing or null: treated as not public.
  projectId: z.number().int().nullish(),
});
export type IssueNode = z.infer<typeof IssueNode>;

// ---- release milestones and their merged MRs (milestones.ts) ----

export const MilestoneNode = z.object({ title: apiText(), dueDate: z.string().nullable() });
export type MilestoneNode = z.infer<typeof MilestoneNode>;

export const MilestoneMrNode = z.object({ iid: z.string(), project: z.object({ fullPath: z.string() }), author: z.object({ username: apiText(), bot: z.boolean() }).nullable() });
export type MilestoneMrNode = z.infer<typeof MilestoneMrNode>;

// ---- MRs open at an instant (open-age.ts) ----

export const OpenMrNode = z.object({
  iid: z.string(),
  createdAt: z.string(),
  mergedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  project: z.object({ fullPath: z.string() }),
  // publicEmail: for the organisation of a leading organisation's open MR (organisation-kinds.ts).
  author: z.object({ username: apiText(), bot: z.boolean(), publicEmail: z.string().nullish() }).nullable(),
});
export type OpenMrNode = z.infer<typeof OpenMrNode>;

// ---- notes of merged MRs, for the first review (first-review.ts) ----

export const ReviewNote = z.object({ system: z.boolean(), createdAt: z.string(), author: z.object({ username: apiText(), bot: z.boolean() }).nullable() });
export type ReviewNote = z.infer<typeof ReviewNote>;

export const ReviewNotes = z.object({ pageInfo: PageInfo, nodes: z.array(ReviewNote.nullable()) });
export type ReviewNotes = z.infer<typeof ReviewNotes>;

/** Aliased `m0`, `m1`, … `project.mergeRequest.notes` fields, one per MR of the batch. */
export const ReviewNotesAnswer = z.record(z.string(), z.object({ mergeRequest: z.object({ notes: ReviewNotes }).nullable() }).nullable());
export type ReviewNotesAnswer = z.infer<typeof ReviewNotesAnswer>;

// ---- REST GET /groups/:id/members/all (members.ts) ----

const MemberRow = z.object({
  username: z.string(),
  // Absent or null when GitLab hides it (members of an invited group, for non-admins).
  created_at: z.string().nullish(),
});
export const MemberPage = z.array(MemberRow);
export type MemberPage = z.infer<typeof MemberPage>;
// ---- visibility of the projects behind counted items (visibility.ts) ----

/** `projects(ids:)`: global id and `visibility` ("public", "internal", "private") of each project the token can see. */
export const ProjectsPage = z.object({
  projects: z.object({ pageInfo: PageInfo, nodes: z.array(z.object({ id: z.string(), visibility: z.string().nullable() }).nullable()) }).nullable(),
});
export type ProjectsPage = z.infer<typeof ProjectsPage>;
// ---- MRs opened in a window, any state (organisation kinds with state: any; organisation-mrs.ts) ----

export const OpenedMrNode = z.object({
  iid: z.string(),
  createdAt: z.string(),
  project: z.object({ fullPath: z.string() }),
  author: z.object({ username: apiText(), bot: z.boolean(), webUrl: apiUrl(), publicEmail: z.string().nullish() }).nullable(),
});
export type OpenedMrNode = z.infer<typeof OpenedMrNode>;

// ---- the organisations file (organisations.ts): one affiliation per YAML entry or CSV row ----

/** YAML keeps types, CSV gives strings: both are accepted where the meaning is the same. */
const cell = z.union([z.string(), z.number(), z.boolean(), z.date(), z.null()]);
export const OrganisationRow = z.record(z.string(), cell.or(z.array(z.unknown())));
export type OrganisationRow = z.infer<typeof OrganisationRow>;

/** The raw file as GitLab's `/repository/files/:path/raw` returns it. */
export const RawOrganisationsFile = z.string();
export type RawOrganisationsFile = z.infer<typeof RawOrganisationsFile>;
