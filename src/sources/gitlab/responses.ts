// What GitLab's GraphQL API answers to this source's documents (api.ts), naming only the fields read.
import { z } from 'zod';

const Author = z.object({ username: z.string(), name: z.string(), bot: z.boolean(), webUrl: z.string() });
export const MrNode = z.object({
  iid: z.string(),
  webUrl: z.string().nullable(),
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

export const HistoryAnswer = z.record(z.string(), z.object({ mergeRequests: z.object({ count: z.number().int() }).nullable() }).nullable());
export type HistoryAnswer = z.infer<typeof HistoryAnswer>;

/** The verification lookup: one aliased `group` per group the metrics name (g0, g1, …). */
export const GroupAnswer = z.record(z.string(), z.object({ id: z.string() }).nullable());
