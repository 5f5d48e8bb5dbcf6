// The GitLab endpoints the handbook publisher needs, called through the project's one HTTP client
// (retries, host budget, masking, zod at the boundary). Every call names what it is for and how
// to fix a 401/403/404, so a failure reads as an instruction.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PulseError } from '../../errors.ts';
import { paginate } from '../../http/paginate.ts';
import type { HttpClient, StatusMeaning } from '../../http/types.ts';
import { maskDeep } from '../../secrets.ts';
import { branchSchema, commitSchema, fileSchema, mergeRequestSchema, noteSchema, projectSchema, tokenSelfSchema, type BranchInfo, type CommitInfo, type MergeRequestInfo, type ProjectInfo } from './responses.ts';

export interface HandbookApiOptions {
  http: HttpClient;
  /** GitLab instance, e.g. https://gitlab.com */
  url: string;
  project: string;
  token: string;
  tokenEnv: string;
}

export interface RepoFile {
  content: Buffer;
  lastCommitId: string;
}

export type CommitAction = { action: 'create'; file_path: string; content: string; encoding: 'text' | 'base64' } | { action: 'update'; file_path: string; content: string; encoding: 'text' | 'base64'; last_commit_id: string };

export interface CreateCommit {
  branch: string;
  startBranch?: string;
  message: string;
  actions: CommitAction[];
}

/** GitLab's JSON `message` of an error answer. */
function gitlabMessage(body: unknown): string {
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : undefined;
  return typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : '';
}

/** A 404 whose message says this is missing is the answer `undefined` (any other 404 stays an error). */
function missingAs<T>(message: string) {
  return { 404: (body: unknown): StatusMeaning<T | undefined> | undefined => (gitlabMessage(body) === message ? { answer: undefined } : undefined) };
}

/**
 * The file's bytes from a files-API answer, checked against the content_sha256 GitLab sends with
 * it: invalid base64 (Buffer.from skips what it cannot read) or a truncated body is a bad answer,
 * never a file with other content.
 */
export function fileBytes(data: { content: string; encoding: string; content_sha256?: string | undefined }, what: string): Buffer {
  const base64 = data.encoding === 'base64';
  if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(data.content.replace(/\s+/g, ''))) throw new PulseError('EBADRESPONSE', `${what}: the answer's content is not valid base64`, 'Re-run the job; if it persists, GitLab (or a proxy in between) is damaging answers.');
  const bytes = Buffer.from(data.content, base64 ? 'base64' : 'utf8');
  if (data.content_sha256 !== undefined && createHash('sha256').update(bytes).digest('hex') !== data.content_sha256) {
    throw new PulseError('EBADRESPONSE', `${what}: the content does not match its content_sha256`, 'Re-run the job; if it persists, GitLab (or a proxy in between) is damaging answers.');
  }
  return bytes;
}

export class HandbookApi {
  readonly #o: HandbookApiOptions;

  constructor(options: HandbookApiOptions) {
    this.#o = options;
  }

  get instanceUrl(): string {
    return this.#o.url.replace(/\/+$/, '');
  }

  #api(path: string): string {
    return `${this.instanceUrl}/api/v4${path}`;
  }

  #project(path = ''): string {
    return this.#api(`/projects/${encodeURIComponent(this.#o.project)}${path}`);
  }

  #common(what: string) {
    return {
      headers: { 'PRIVATE-TOKEN': this.#o.token },
      what,
      authHint: `${this.#o.tokenEnv} must hold a project or group access token of ${this.#o.project} with the api scope and the Developer role (Maintainer for a protected branch).`,
      notFoundHint: `Check publish.handbook.project (${this.#o.project}) and url in goals.yml, and that ${this.#o.tokenEnv} is a member of the project.`,
    };
  }

  async project(): Promise<ProjectInfo> {
    return (await this.#o.http.request({ url: this.#project(), schema: projectSchema, ...this.#common(`GitLab project ${this.#o.project}`) })).data;
  }

  /** undefined when the branch does not exist. */
  async branch(name: string): Promise<BranchInfo | undefined> {
    const { data } = await this.#o.http.request({
      url: this.#project(`/repository/branches/${encodeURIComponent(name)}`),
      schema: branchSchema.optional(),
      statusMap: missingAs<BranchInfo>('404 Branch Not Found'),
      ...this.#common(`branch ${name} of ${this.#o.project}`),
    });
    return data;
  }

  async tokenScopes(): Promise<string[]> {
    return (await this.#o.http.request({ url: this.#api('/personal_access_tokens/self'), schema: tokenSelfSchema, ...this.#common(`the scopes of ${this.#o.tokenEnv}`) })).data.scopes;
  }

  /** A file's bytes and the commit that last changed it; undefined when it does not exist on `ref`. */
  async readFile(path: string, ref: string): Promise<RepoFile | undefined> {
    const { data } = await this.#o.http.request({
      url: this.#project(`/repository/files/${encodeURIComponent(path)}`),
      query: { ref },
      schema: fileSchema.optional(),
      statusMap: missingAs<z.infer<typeof fileSchema>>('404 File Not Found'),
      ...this.#common(`${path} on ${ref} of ${this.#o.project}`),
    });
    return data && { content: fileBytes(data, `${path} on ${ref} of ${this.#o.project}`), lastCommitId: data.last_commit_id };
  }

  /**
   * The names in a folder of `ref`, all pages. A folder that does not exist is empty: the caller
   * has just read files on `ref`, so a 404 here is the path, not the branch (repositories.rb).
   */
  async treeNames(path: string, ref: string): Promise<string[]> {
    const names: string[] = [];
    const first = {
      url: this.#project('/repository/tree'),
      query: { path, ref, per_page: 100 },
      schema: z.array(z.object({ name: z.string(), type: z.string() })),
      statusMap: { 404: (): StatusMeaning<Array<{ name: string; type: string }>> => ({ answer: [] }) },
      ...this.#common(`the folder ${path} on ${ref} of ${this.#o.project}`),
    };
    for await (const page of paginate(this.#o.http, first)) names.push(...page.data.filter((e) => e.type === 'blob').map((e) => e.name));
    return names;
  }

  async commit(sha: string): Promise<CommitInfo> {
    return (await this.#o.http.request({ url: this.#project(`/repository/commits/${encodeURIComponent(sha)}`), schema: commitSchema, ...this.#common(`commit ${sha.slice(0, 8)}`) })).data;
  }

  /**
   * Throws on any answer that is not the new commit (an error status, a timeout, a body that is
   * not a commit). The caller does not read the error's wording: it reads the branch again to tell
   * a commit that landed, a stale read and a real refusal apart (plan.ts commitVerdict).
   */
  async createCommit(commit: CreateCommit): Promise<CommitInfo> {
    const { data } = await this.#o.http.request({
      method: 'POST',
      url: this.#project('/repository/commits'),
      json: maskDeep({ branch: commit.branch, ...(commit.startBranch ? { start_branch: commit.startBranch } : {}), commit_message: commit.message, actions: commit.actions }),
      schema: commitSchema,
      ...this.#common(`commit to ${commit.branch} of ${this.#o.project}`),
    });
    return data;
  }

  /** Every open MR into targetBranch (of one source branch when given): all pages, not just the first. */
  async openMergeRequests(filter: { sourceBranch?: string; targetBranch: string }): Promise<MergeRequestInfo[]> {
    const all: MergeRequestInfo[] = [];
    const first = {
      url: this.#project('/merge_requests'),
      query: { state: 'opened', target_branch: filter.targetBranch, source_branch: filter.sourceBranch, per_page: 100 },
      schema: z.array(mergeRequestSchema),
      ...this.#common(`open merge requests of ${this.#o.project}`),
    };
    for await (const page of paginate(this.#o.http, first)) all.push(...page.data);
    return all;
  }

  async createMergeRequest(mr: { sourceBranch: string; targetBranch: string; title: string; description: string }): Promise<MergeRequestInfo> {
    const { data } = await this.#o.http.request({
      method: 'POST',
      url: this.#project('/merge_requests'),
      json: maskDeep({ source_branch: mr.sourceBranch, target_branch: mr.targetBranch, title: mr.title, description: mr.description, remove_source_branch: true }),
      schema: mergeRequestSchema,
      ...this.#common(`merge request from ${mr.sourceBranch}`),
    });
    return data;
  }

  async updateMergeRequest(iid: number, change: { title: string; description: string }): Promise<MergeRequestInfo> {
    const { data } = await this.#o.http.request({ method: 'PUT', url: this.#project(`/merge_requests/${iid}`), json: maskDeep(change), schema: mergeRequestSchema, ...this.#common(`merge request !${iid}`) });
    return data;
  }

  async addNote(iid: number, body: string): Promise<void> {
    await this.#o.http.request({ method: 'POST', url: this.#project(`/merge_requests/${iid}/notes`), json: maskDeep({ body }), schema: noteSchema, ...this.#common(`a note on merge request !${iid}`) });
  }
}
