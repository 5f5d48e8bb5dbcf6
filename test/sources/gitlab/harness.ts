// Builds hand-written data sets for the fake GitLab and a collector wired to it through the real
// HTTP client (instant sleep, frozen clock), the way the pipeline creates it.
import { createHttpClient } from '../../../src/http/client.ts';
import { memoryLogger } from '../../../src/log.ts';
import { SecretMasker } from '../../../src/secrets.ts';
import { rejectionOf } from '../../support/rejection.ts';
import { gitlabSource } from '../../../src/sources/gitlab/index.ts';
import type { MetricOutcome, SourceContext } from '../../../src/sources/types.ts';
import type { Period } from '../../../src/periods/periods.ts';
import { createFakeGitlab, type FakeGitlabData, type FakeMergeRequest, type FakeToken, type FakeUser } from '@community-pulse/demo/fakes/gitlab/index';
import { server } from '../../msw-server.ts';

export const BASE = 'https://gitlab.example.com';
/** Recognisable, so a leak into any message or log line is easy to spot. */
export const TOKEN = 'glpat-LEAKCHECK-s3cr3t-Zq9';
export const NOW = new Date('2026-12-02T06:00:00Z');
export const COMMUNITY = 'Community contribution';

export class DataBuilder {
  readonly users: FakeUser[] = [];
  readonly mergeRequests: FakeMergeRequest[] = [];
  groups: string[] = ['gitlab-org', 'gitlab-org/sub', 'gitlab-org/sub/deep', 'gitlab-com', 'other'];
  tokens: FakeToken[] = [{ value: TOKEN, scopes: ['read_api'] }];
  #iid = new Map<string, number>();

  user(username: string, name = username, bot = false): FakeUser {
    const existing = this.users.find((u) => u.username === username);
    if (existing) return existing;
    const user: FakeUser = { id: this.users.length + 1, username, name, ...(bot ? { bot } : {}) };
    this.users.push(user);
    return user;
  }

  /** A merged MR; `labels` default to the community label, `state` to merged. */
  mr(project: string, author: string, mergedAt: string, options: { labels?: string[]; state?: FakeMergeRequest['state'] } = {}): FakeMergeRequest {
    const iid = (this.#iid.get(project) ?? 0) + 1;
    this.#iid.set(project, iid);
    const state = options.state ?? 'merged';
    const mr: FakeMergeRequest = {
      id: this.mergeRequests.length + 1,
      iid,
      project,
      authorId: this.user(author).id,
      state,
      labels: options.labels ?? [COMMUNITY],
      ...(state === 'merged' ? { mergedAt } : {}),
    };
    this.mergeRequests.push(mr);
    return mr;
  }

  build(): FakeGitlabData {
    return { groups: this.groups, users: this.users, mergeRequests: this.mergeRequests, tokens: this.tokens };
  }
}

export function harness(data: FakeGitlabData) {
  const fake = createFakeGitlab(data, { now: () => NOW });
  server.use(...fake.handlers(BASE));
  const masker = new SecretMasker();
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, now: () => NOW.getTime(), random: () => 0.5 });
  const ctx: SourceContext = {
    http,
    log,
    now: () => NOW,
    secret(envName) {
      if (envName !== 'PULSE_GITLAB_TOKEN') throw new Error(`unexpected env var ${envName}`);
      masker.add(TOKEN);
      return TOKEN;
    },
  };
  const collector = gitlabSource.createCollector(ctx, 'gitlab', { type: 'gitlab', url: BASE, token_env: 'PULSE_GITLAB_TOKEN' });
  return {
    fake,
    log,
    http,
    ctx,
    collect: (query: Record<string, unknown>, period: Period): Promise<MetricOutcome> => collector.collect({ id: 'metric', query }, period),
    /** GraphQL requests for windows (not first-time history). */
    windowRequests: () => fake.requests.filter((r) => r.query?.includes('PulseMergedMrs')),
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; fix?: string }> {
  const error = await rejectionOf(promise);
  if (error instanceof Error) return error;
  throw new Error(`rejected with a non-Error: ${String(error)}`);
}
