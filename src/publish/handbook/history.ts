// History as the handbook holds it: the snapshots on the target branch, plus those on the job's
// open merge-request branches (community-pulse/YYYY-MM) — so a month waiting for review is not
// collected or emailed again. A period on an MR branch wins over the target branch's copy.
import { GitlabRepoStore } from '../../history/gitlab-store.ts';
import type { HistoryStore } from '../../history/store.ts';
import type { Snapshot } from '../../history/snapshot.ts';
import type { HttpClient } from '../../http/types.ts';
import type { Logger } from '../../log.ts';
import type { HandbookApi } from './api.ts';

export interface HandbookHistoryOptions {
  http: HttpClient;
  api: HandbookApi;
  url: string;
  project: string;
  branch: string;
  dataDir: string;
  token: string;
  tokenEnv: string;
  log: Logger;
}

const PERIOD_BRANCH = /^community-pulse\/(\d{4}-(?:0[1-9]|1[0-2]))$/;

export class HandbookHistory implements HistoryStore {
  readonly #o: HandbookHistoryOptions;
  #branches: string[] | undefined;

  constructor(options: HandbookHistoryOptions) {
    this.#o = options;
  }

  #store(ref: string): GitlabRepoStore {
    const o = this.#o;
    return new GitlabRepoStore({ http: o.http, url: o.url, project: o.project, ref, dataDir: o.dataDir, token: o.token, tokenEnv: o.tokenEnv, log: o.log });
  }

  /** The job's open MR branches into the target branch, oldest period first. */
  async openBranches(): Promise<string[]> {
    if (!this.#branches) {
      const open = await this.#o.api.openMergeRequests({ targetBranch: this.#o.branch });
      this.#branches = open
        .map((mr) => mr.source_branch)
        .filter((b) => PERIOD_BRANCH.test(b))
        .sort();
    }
    return this.#branches;
  }

  /** One cheap authenticated read of the target branch (the verify step's check). */
  async verifyReadAccess(): Promise<void> {
    await this.#store(this.#o.branch).verifyReadAccess();
  }

  async list(): Promise<string[]> {
    return [...(await this.readAll()).keys()];
  }

  async read(period: string): Promise<Snapshot | undefined> {
    return (await this.readAll()).get(period);
  }

  async readAll(): Promise<Map<string, Snapshot>> {
    const all = await this.#store(this.#o.branch).readAll();
    for (const branch of await this.openBranches()) {
      const period = PERIOD_BRANCH.exec(branch)?.[1];
      const snapshot = period ? await this.#store(branch).read(period) : undefined;
      if (period && snapshot) {
        all.set(period, snapshot);
        this.#o.log.info(`history: ${period} from the open merge request branch ${branch}`);
      }
    }
    return new Map([...all].sort(([a], [b]) => a.localeCompare(b)));
  }
}
