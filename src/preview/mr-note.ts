// Keeps ONE note per goals file on a merge request: finds the note that carries the hidden marker
// and edits it, or adds it the first time. Through the project's one HTTP client (retries,
// masking, error classification); the token is sent as PRIVATE-TOKEN and never logged.
import { z } from 'zod';
import { paginate } from '../http/paginate.ts';
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

function notesUrl(ref: MergeRequestRef): string {
  return `${ref.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(ref.project)}/merge_requests/${encodeURIComponent(ref.iid)}/notes`;
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
  const headers = { 'PRIVATE-TOKEN': o.token };
  const hints = {
    authHint: `${o.tokenEnv} must hold a project access token with the api scope and at least the Reporter role in this project (CI_JOB_TOKEN cannot write notes).`,
    notFoundHint: `The merge request !${o.iid} of project ${o.project} is not visible to the token in ${o.tokenEnv}.`,
  };
  const url = notesUrl(o);
  let existing: z.infer<typeof noteSchema> | undefined;
  // Oldest first: if an earlier run ever left two, the first one stays the one that is edited.
  const pages = paginate(o.http, {
    url,
    query: { sort: 'asc', order_by: 'created_at', per_page: 100 },
    headers,
    schema: z.array(noteSchema),
    what: `notes of merge request !${o.iid}`,
    ...hints,
  });
  for await (const page of pages) {
    existing = page.data.find((n) => !n.system && n.body.includes(o.marker));
    if (existing) break;
  }
  if (existing && existing.body === o.body) return { action: 'unchanged', noteId: existing.id };
  if (existing) {
    const res = await o.http.request({ method: 'PUT', url: `${url}/${existing.id}`, headers, json: { body: o.body }, schema: noteSchema, what: `editing note ${existing.id} of merge request !${o.iid}`, ...hints });
    return { action: 'updated', noteId: res.data.id };
  }
  const res = await o.http.request({ method: 'POST', url, headers, json: { body: o.body }, schema: noteSchema, what: `adding a note to merge request !${o.iid}`, ...hints });
  return { action: 'created', noteId: res.data.id };
}
