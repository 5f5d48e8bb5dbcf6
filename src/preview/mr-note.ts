// Keeps ONE note per goals file on a merge request: finds the note that carries the hidden marker
// and edits it, or adds it the first time. Through the one GitLab client (src/http/gitlab.ts:
// retries, masking, error classification); the token is sent as PRIVATE-TOKEN and never logged.
import { z } from 'zod';
import { type GitlabClient, gitlabClient, instanceOfApiUrl } from '../http/gitlab.ts';
import type { HttpClient } from '../http/types.ts';
import { stripBidi } from '../render/escape.ts';
import { maskSecrets } from '../secrets.ts';

export interface MergeRequestRef {
  /** The API root, e.g. https://gitlab.com/api/v4 (CI_API_V4_URL). */
  apiUrl: string;
  /** Project id or full path (CI_PROJECT_ID). */
  project: string;
  /** The merge request's iid (CI_MERGE_REQUEST_IID). */
  iid: string;
}

export interface UpsertNoteOptions extends MergeRequestRef {
  http: HttpClient;
  token: string;
  /** Env var the token came from, for fix hints. */
  tokenEnv: string;
  marker: string;
  body: string;
}

export interface UpsertResult {
  action: 'created' | 'updated' | 'unchanged';
  noteId: number;
}

const noteSchema = z.object({ id: z.number(), body: z.string(), system: z.boolean().optional() });

function notesPath(gitlab: GitlabClient, ref: MergeRequestRef): string {
  return `${gitlab.projectPath(ref.project)}/merge_requests/${encodeURIComponent(ref.iid)}/notes`;
}

/** The note's Markdown with every control character but tab and line feed removed, and no explicit bidi control. */
export function inertBody(body: string): string {
  // eslint-disable-next-line no-control-regex
  return stripBidi(body.replace(/\r\n?/g, '\n')).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, '');
}

export async function upsertMergeRequestNote(options: UpsertNoteOptions): Promise<UpsertResult> {
  // The last gate: a note never carries a registered secret, nor a raw control character (NUL,
  // VT, FF, NEL…) or explicit bidi control from a metric name, wherever the body placed it.
  const o = { ...options, body: maskSecrets(inertBody(options.body)) };
  const gitlab = gitlabClient(o.http, {
    url: instanceOfApiUrl(o.apiUrl),
    token: o.token,
    authHint: `${o.tokenEnv} must hold a project access token with the api scope and at least the Reporter role in this project (CI_JOB_TOKEN cannot write notes).`,
    notFoundHint: `The merge request !${o.iid} of project ${o.project} is not visible to the token in ${o.tokenEnv}.`,
  });
  const path = notesPath(gitlab, o);
  let existing: z.infer<typeof noteSchema> | undefined;
  // Oldest first: if an earlier run ever left two, the first one stays the one that is edited.
  const pages = gitlab.pages({ path, query: { sort: 'asc', order_by: 'created_at', per_page: 100 }, schema: z.array(noteSchema), what: `notes of merge request !${o.iid}` });
  for await (const page of pages) {
    existing = page.find((n) => !n.system && n.body.includes(o.marker));
    if (existing) break;
  }
  if (existing && existing.body === o.body) return { action: 'unchanged', noteId: existing.id };
  if (existing) {
    const note = await gitlab.send({ method: 'PUT', path: `${path}/${existing.id}`, json: { body: o.body }, schema: noteSchema, what: `editing note ${existing.id} of merge request !${o.iid}` });
    return { action: 'updated', noteId: note.id };
  }
  const note = await gitlab.send({ method: 'POST', path, json: { body: o.body }, schema: noteSchema, what: `adding a note to merge request !${o.iid}` });
  return { action: 'created', noteId: note.id };
}
