// The GitLab endpoints the handbook publisher needs, called through the one GitLab client
// (src/http/gitlab.ts: retries, host budget, masking, zod at the boundary). Every call names what
// it is for and how to fix a 401/403/404, so a failure reads as an instruction.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { gitlabDamagedFile } from '../../errors/gitlab.ts';
import { handbookNotFoundHint, handbookTokenHint } from '../../errors/hints.ts';
import { type GitlabClient, gitlabClient } from '../../http/gitlab.ts';
import type { HttpClient } from '../../http/types.ts';
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

/**
 * The file's bytes from a files-API answer, checked against the content_sha256 GitLab sends with
 * it: invalid base64 (Buffer.from skips what it cannot read) or a truncated body is a bad answer,
 * never a file with other content.
 */
export function fileBytes(data: { content: string; encoding: string; content_sha256?: string | undefined }, what: string): Buffer {
  const base64 = data.encoding === 'base64';
  if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(data.content.replace(/\s+/g, ''))) throw gitlabDamagedFile({ what, problem: "the answer's content is not valid base64" });
  const bytes = Buffer.from(data.content, base64 ? 'base64' : 'utf8');
  if (data.content_sha256 !== undefined && createHash('sha256').update(bytes).digest('hex') !== data.content_sha256) {
    throw gitlabDamagedFile({ what, problem: 'the content does not match its content_sha256' });
  }
  return bytes;
}

export class HandbookApi {
  readonly #o: HandbookApiOptions;
  readonly #gl: GitlabClient;

  constructor(options: HandbookApiOptions) {
    this.#o = options;
    this.#gl = gitlabClient(options.http, {
      url: options.url,
      token: options.token,
      authHint: handbookTokenHint({ env: options.tokenEnv, project: options.project, writes: true }),
      notFoundHint: handbookNotFoundHint({ env: options.tokenEnv, project: options.project }),
    });
  }

  get instanceUrl(): string {
    return this.#gl.instance;
  }

  #project(path = ''): string {
    return `${this.#gl.projectPath(this.#o.project)}${path}`;
  }

  async project(): Promise<ProjectInfo> {
    return this.#gl.get({ path: this.#project(), schema: projectSchema, what: `GitLab project ${this.#o.project}` });
  }

  /** undefined when the branch does not exist. */
  async branch(name: string): Promise<BranchInfo | undefined> {
    return this.#gl.get({
      path: this.#project(`/repository/branches/${encodeURIComponent(name)}`),
      schema: branchSchema.optional(),
      missing: { kind: 'branch', answer: undefined },
      what: `branch ${name} of ${this.#o.project}`,
    });
  }

  async tokenScopes(): Promise<string[]> {
    return (await this.#gl.get({ path: '/personal_access_tokens/self', schema: tokenSelfSchema, what: `the scopes of ${this.#o.tokenEnv}` })).scopes;
  }

  /** A file's bytes and the commit that last changed it; undefined when it does not exist on `ref`. */
  async readFile(path: string, ref: string): Promise<RepoFile | undefined> {
    const data = await this.#gl.get({
      path: this.#project(`/repository/files/${encodeURIComponent(path)}`),
      query: { ref },
      schema: fileSchema.optional(),
      missing: { kind: 'file', answer: undefined },
      what: `${path} on ${ref} of ${this.#o.project}`,
    });
    return data && { content: fileBytes(data, `${path} on ${ref} of ${this.#o.project}`), lastCommitId: data.last_commit_id };
  }

  /**
   * The names in a folder of `ref`, all pages. A folder that does not exist is empty: the caller
   * has just read files on `ref`, so a 404 here is the path, not the branch (repositories.rb).
   */
  async treeNames(path: string, ref: string): Promise<string[]> {
    const entries = await this.#gl.all({
      path: this.#project('/repository/tree'),
      query: { path, ref, per_page: 100 },
      schema: z.array(z.object({ name: z.string(), type: z.string() })),
      missing: { kind: 'any', answer: [] },
      what: `the folder ${path} on ${ref} of ${this.#o.project}`,
    });
    return entries.filter((e) => e.type === 'blob').map((e) => e.name);
  }

  async commit(sha: string): Promise<CommitInfo> {
    return this.#gl.get({ path: this.#project(`/repository/commits/${encodeURIComponent(sha)}`), schema: commitSchema, what: `commit ${sha.slice(0, 8)}` });
  }

  /**
   * Throws on any answer that is not the new commit (an error status, a timeout, a body that is
   * not a commit). The caller does not read the error's wording: it reads the branch again to tell
   * a commit that landed, a stale read and a real refusal apart (plan.ts commitVerdict).
   */
  async createCommit(commit: CreateCommit): Promise<CommitInfo> {
    return this.#gl.send({
      method: 'POST',
      path: this.#project('/repository/commits'),
      json: maskDeep({ branch: commit.branch, ...(commit.startBranch ? { start_branch: commit.startBranch } : {}), commit_message: commit.message, actions: commit.actions }),
      schema: commitSchema,
      what: `commit to ${commit.branch} of ${this.#o.project}`,
    });
  }

  /** Every open MR into targetBranch (of one source branch when given): all pages, not just the first. */
  async openMergeRequests(filter: { sourceBranch?: string; targetBranch: string }): Promise<MergeRequestInfo[]> {
    return this.#gl.all({
      path: this.#project('/merge_requests'),
      query: { state: 'opened', target_branch: filter.targetBranch, source_branch: filter.sourceBranch, per_page: 100 },
      schema: z.array(mergeRequestSchema),
      what: `open merge requests of ${this.#o.project}`,
    });
  }

  async createMergeRequest(mr: { sourceBranch: string; targetBranch: string; title: string; description: string }): Promise<MergeRequestInfo> {
    return this.#gl.send({
      method: 'POST',
      path: this.#project('/merge_requests'),
      json: maskDeep({ source_branch: mr.sourceBranch, target_branch: mr.targetBranch, title: mr.title, description: mr.description, remove_source_branch: true }),
      schema: mergeRequestSchema,
      what: `merge request from ${mr.sourceBranch}`,
    });
  }

  async updateMergeRequest(iid: number, change: { title: string; description: string }): Promise<MergeRequestInfo> {
    return this.#gl.send({ method: 'PUT', path: this.#project(`/merge_requests/${iid}`), json: maskDeep(change), schema: mergeRequestSchema, what: `merge request !${iid}` });
  }

  async addNote(iid: number, body: string): Promise<void> {
    await this.#gl.send({ method: 'POST', path: this.#project(`/merge_requests/${iid}/notes`), json: maskDeep({ body }), schema: noteSchema, what: `a note on merge request !${iid}` });
  }
}
