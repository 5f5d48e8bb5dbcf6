// The fields of GitLab's answers the handbook publisher uses, parsed at the boundary (zod).
import { z } from 'zod';

export const projectSchema = z.object({
  id: z.number(),
  path_with_namespace: z.string(),
  web_url: z.string(),
  default_branch: z.string().nullable().optional(),
  permissions: z
    .object({
      project_access: z.object({ access_level: z.number() }).nullable().optional(),
      group_access: z.object({ access_level: z.number() }).nullable().optional(),
    })
    .optional(),
});
export type ProjectInfo = z.infer<typeof projectSchema>;

export const branchSchema = z.object({
  name: z.string(),
  protected: z.boolean(),
  can_push: z.boolean().optional(),
  developers_can_push: z.boolean().optional(),
  web_url: z.string().optional(),
});
export type BranchInfo = z.infer<typeof branchSchema>;

export const tokenSelfSchema = z.object({ scopes: z.array(z.string()), active: z.boolean().optional(), expires_at: z.string().nullable().optional() });

export const fileSchema = z.object({ content: z.string(), encoding: z.string(), last_commit_id: z.string(), content_sha256: z.string().optional() });

export const commitSchema = z.object({
  id: z.string(),
  short_id: z.string().optional(),
  title: z.string(),
  author_name: z.string(),
  author_email: z.string().optional(),
  created_at: z.string().optional(),
  web_url: z.string(),
});
export type CommitInfo = z.infer<typeof commitSchema>;

export const mergeRequestSchema = z.object({ iid: z.number(), title: z.string(), description: z.string().nullable(), state: z.string(), source_branch: z.string(), target_branch: z.string(), web_url: z.string() });
export type MergeRequestInfo = z.infer<typeof mergeRequestSchema>;

export const noteSchema = z.object({ id: z.number(), body: z.string() });
