// History in a GitLab repository (the handbook), read through the one GitLab client
// (src/http/gitlab.ts): one tree listing of data_dir (100 entries a page) and one raw-file request per snapshot,
// several at a time. A data_dir that does not exist yet is an empty history, not an error — but a
// branch that does not exist is: GitLab answers 404 for both (lib/api/repositories.rb: "Tree Not
// Found" for a missing ref, Gitaly's message such as "invalid revision or path" for a missing path;
// gitlab.com answered 200 [] for a missing path before October 2023), so on a 404 the branch is
// asked for explicitly rather than the message read.
import { z } from 'zod';
import { PulseError } from '../errors.ts';
import { handbookNotFoundHint, handbookTokenHint } from '../errors/hints.ts';
import { isHttpError } from '../http/errors.ts';
import { type GitlabClient, gitlabClient, type GitlabRestRequest } from '../http/gitlab.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import { periodOfFileName, snapshotFileName } from './serialize.ts';
import type { Snapshot } from './snapshot.ts';
import { type HistoryStore, parseSnapshotText, readMany, type SnapshotFile } from './store.ts';

export interface GitlabRepoStoreOptions {
  http: HttpClient;
  /** GitLab instance, e.g. https://gitlab.com */
  url: string;
  /** Project path (gitlab-com/content-sites/handbook) or numeric id. */
  project: string;
  /** Branch, tag or commit to read. */
  ref: string;
  /** Directory of the snapshots inside the repository, e.g. data/developer_relations/pulse */
  dataDir: string;
  /** Token value (sent as PRIVATE-TOKEN); omit for a public project. Never logged. */
  token?: string | undefined;
  /** Env var the token came from, for fix hints. */
  tokenEnv?: string | undefined;
  log: Logger;
  /** Raw-file requests in flight at once; the HTTP client's host budget still applies. */
  concurrency?: number;
}

const treeEntrySchema = z.object({ name: z.string(), type: z.string(), path: z.string() });
const treePageSchema = z.array(treeEntrySchema);

export class GitlabRepoStore implements HistoryStore {
  readonly #o: GitlabRepoStoreOptions;
  readonly #dataDir: string;
  readonly #rest: GitlabClient;

  constructor(options: GitlabRepoStoreOptions) {
    this.#o = options;
    this.#dataDir = options.dataDir.replace(/^\/+|\/+$/g, '');
    const env = options.tokenEnv ?? 'the handbook token env var';
    this.#rest = gitlabClient(options.http, {
      url: options.url,
      token: options.token,
      authHint: handbookTokenHint({ env, project: options.project, writes: false }),
      notFoundHint: handbookNotFoundHint({ env, project: options.project }),
    });
  }

  /** The tree listing of data_dir (a 404 is looked into by #whenMissing). */
  #tree(perPage: number): GitlabRestRequest<Array<z.infer<typeof treeEntrySchema>>> {
    return {
      path: `${this.#rest.projectPath(this.#o.project)}/repository/tree`,
      query: { path: this.#dataDir, ref: this.#o.ref, per_page: perPage },
      schema: treePageSchema,
      what: `GitLab history listing of ${this.#o.project}:${this.#dataDir}`,
    };
  }

  /**
   * After a 404 on the tree: the branch exists → data_dir does not exist yet (an empty history);
   * the branch does not → an error naming it. Any other 404 (no project, no access) stays the error.
   */
  async #whenMissing(error: unknown): Promise<void> {
    if (!(isHttpError(error) && error.status === 404)) throw error;
    const branch = await this.#rest.get({
      path: `${this.#rest.projectPath(this.#o.project)}/repository/branches/${encodeURIComponent(this.#o.ref)}`,
      schema: z.object({ name: z.string() }).optional(),
      what: `branch ${this.#o.ref} of ${this.#o.project}`,
      missing: { kind: 'branch', answer: undefined },
    });
    if (!branch) {
      throw new PulseError('ENOTFOUND', `branch ${this.#o.ref} does not exist in ${this.#o.project}, so its history cannot be read`, 'Set publish.handbook.branch in goals.yml to an existing branch of the handbook project (usually main).');
    }
  }

  /**
   * One cheap authenticated request (the first tree entry of data_dir): proves the token can read
   * the project at the branch. A data_dir that does not exist yet passes; a missing branch does
   * not. Throws the HTTP client's PulseError (EAUTH, ENOTFOUND, ETRANSIENT) otherwise.
   */
  async verifyReadAccess(): Promise<void> {
    try {
      await this.#rest.get(this.#tree(1));
    } catch (error) {
      await this.#whenMissing(error);
    }
  }

  async list(): Promise<string[]> {
    const periods: string[] = [];
    let pages = 0;
    let entries = 0;
    try {
      for await (const page of this.#rest.pages(this.#tree(100))) {
        pages++;
        entries += page.length;
        for (const entry of page) {
          const period = entry.type === 'blob' ? periodOfFileName(entry.name) : undefined;
          if (period) periods.push(period);
        }
      }
    } catch (error) {
      if (pages > 0) throw error;
      await this.#whenMissing(error);
    }
    // Git has no empty folders: no listing (or an empty one) is a data_dir that does not exist yet.
    if (entries === 0) this.#o.log.info(`history: ${this.#dataDir} does not exist on ${this.#o.ref} in ${this.#o.project} yet; starting without history`);
    return periods.sort();
  }

  async #file(period: string): Promise<SnapshotFile | undefined> {
    const path = `${this.#dataDir}/${snapshotFileName(period)}`;
    const text = await this.#rest.get<string | undefined>({
      path: `${this.#rest.projectPath(this.#o.project)}/repository/files/${encodeURIComponent(path)}/raw`,
      query: { ref: this.#o.ref },
      responseType: 'text',
      schema: z.string(),
      what: `GitLab history file ${path}`,
      missing: { kind: 'file', answer: undefined },
    });
    return text === undefined ? undefined : { file: path, text };
  }

  async read(period: string): Promise<Snapshot | undefined> {
    const f = await this.#file(period);
    return f && parseSnapshotText(f.text, f.file, period, this.#o.log);
  }

  async readAll(): Promise<Map<string, Snapshot>> {
    return readMany(await this.list(), (period) => this.#file(period), this.#o.log, this.#o.concurrency ?? 8);
  }
}
