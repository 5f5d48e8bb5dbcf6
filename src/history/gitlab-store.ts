// History in a GitLab repository (the handbook), read through the API with the project's one HTTP
// client: one tree listing of data_dir (100 entries a page) and one raw-file request per snapshot,
// several at a time. A data_dir that does not exist yet is an empty history, not an error.
import { z } from 'zod';
import { isHttpError } from '../http/errors.ts';
import { paginate } from '../http/paginate.ts';
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

function hasMessage(error: unknown, text: string): boolean {
  return error instanceof Error && error.message.includes(text);
}

export class GitlabRepoStore implements HistoryStore {
  readonly #o: GitlabRepoStoreOptions;
  readonly #dataDir: string;

  constructor(options: GitlabRepoStoreOptions) {
    this.#o = options;
    this.#dataDir = options.dataDir.replace(/^\/+|\/+$/g, '');
  }

  #projectUrl(): string {
    return `${this.#o.url.replace(/\/+$/, '')}/api/v4/projects/${encodeURIComponent(this.#o.project)}/repository`;
  }

  #headers(): Record<string, string> {
    return this.#o.token ? { 'PRIVATE-TOKEN': this.#o.token } : {};
  }

  #hints() {
    const env = this.#o.tokenEnv ?? 'the handbook token env var';
    return {
      authHint: `${env} must hold a token that can read ${this.#o.project} (scope read_api or api).`,
      notFoundHint: `Check publish.handbook.project (${this.#o.project}) and url in goals.yml, and that ${env} can see the project.`,
    };
  }

  /**
   * One cheap authenticated request (the first tree entry of data_dir): proves the token can read
   * the project at the branch. A data_dir that does not exist yet passes. Throws the HTTP client's
   * PulseError (EAUTH, ENOTFOUND, ETRANSIENT) otherwise.
   */
  async verifyReadAccess(): Promise<void> {
    try {
      await this.#o.http.request({
        url: `${this.#projectUrl()}/tree`,
        query: { path: this.#dataDir, ref: this.#o.ref, per_page: 1 },
        headers: this.#headers(),
        schema: treePageSchema,
        what: `GitLab history listing of ${this.#o.project}:${this.#dataDir}`,
        ...this.#hints(),
      });
    } catch (error) {
      if (isHttpError(error) && error.status === 404 && hasMessage(error, 'Tree Not Found')) return;
      throw error;
    }
  }

  async list(): Promise<string[]> {
    const periods: string[] = [];
    try {
      const pages = paginate(this.#o.http, {
        url: `${this.#projectUrl()}/tree`,
        query: { path: this.#dataDir, ref: this.#o.ref, per_page: 100 },
        headers: this.#headers(),
        schema: treePageSchema,
        what: `GitLab history listing of ${this.#o.project}:${this.#dataDir}`,
        ...this.#hints(),
      });
      for await (const page of pages) {
        for (const entry of page.data) {
          const period = entry.type === 'blob' ? periodOfFileName(entry.name) : undefined;
          if (period) periods.push(period);
        }
      }
    } catch (error) {
      // GitLab answers 404 "Tree Not Found" for a path (or ref) with nothing in it: no history yet.
      if (isHttpError(error) && error.status === 404 && hasMessage(error, 'Tree Not Found')) {
        this.#o.log.info(`history: ${this.#dataDir} does not exist on ${this.#o.ref} in ${this.#o.project} yet; starting without history`);
        return [];
      }
      throw error;
    }
    return periods.sort();
  }

  async #file(period: string): Promise<SnapshotFile | undefined> {
    const path = `${this.#dataDir}/${snapshotFileName(period)}`;
    try {
      const response = await this.#o.http.request({
        url: `${this.#projectUrl()}/files/${encodeURIComponent(path)}/raw`,
        query: { ref: this.#o.ref },
        headers: this.#headers(),
        responseType: 'text',
        schema: z.string(),
        what: `GitLab history file ${path}`,
        ...this.#hints(),
      });
      return { file: path, text: response.data };
    } catch (error) {
      if (isHttpError(error) && error.status === 404 && hasMessage(error, 'File Not Found')) return undefined;
      throw error;
    }
  }

  async read(period: string): Promise<Snapshot | undefined> {
    const f = await this.#file(period);
    return f && parseSnapshotText(f.text, f.file, period, this.#o.log);
  }

  async readAll(): Promise<Map<string, Snapshot>> {
    return readMany(await this.list(), (period) => this.#file(period), this.#o.log, this.#o.concurrency ?? 8);
  }
}
