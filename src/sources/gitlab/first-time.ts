// Decides who is a first-time contributor: an author of the period whose FIRST merged MR with the
// labels in the group(s) falls in the period, i.e. who had none merged before the period's start.
//
// How: for every (author, group) pair, GitLab returns that author's earliest merged MR with the
// labels in the group and its subgroups (archived projects included); the author is returning when
// it was merged before the period start. No date argument is sent: GitLab widens `mergedBefore` to
// the end of a UTC day, which in a zone ahead of UTC would count MRs merged in the first hours of
// the month as "before" (see api.ts historyQuery). Pairs are batched as aliased fields, HISTORY_BATCH to a request, so the cost
// is ceil(authors × groups / HISTORY_BATCH) requests per period — about 10 for 170 authors in one
// group. Answers are memoised per (groups, labels, period start, author).
//
// Not used: the `1st contribution` label. GitLab's triage bot adds it when an MR is opened, judged
// across all of GitLab rather than the configured groups, and it stays on every MR the person opened
// before their first merge; it answers a different question.
import { gitlabFieldMissing } from '../../errors/gitlab.ts';
import { historyQuery, type HistoryLookup } from './api.ts';
import { HistoryAnswer } from './responses.ts';
import { normaliseUsername } from './bots.ts';
import { type GitlabApi, groupNotFound } from './connection.ts';

/**
 * (author, group) pairs per request. GitLab rejects GraphQL documents above a complexity score of
 * 250 (authenticated); a count-only connection with five arguments scores about 10, so 20 aliases
 * stay well below it. A too-complex query would fail as EQUERY with GitLab's message.
 */
export const HISTORY_BATCH = 20;

export interface HistoryKey {
  groups: readonly string[];
  labels: readonly string[];
  /** The period start: MRs merged before it are "earlier contributions". */
  before: Date;
}

export class FirstTimeResolver {
  readonly #api: GitlabApi;
  readonly #batch: number;
  /**
   * memo key → when the author's earliest matching MR was merged (epoch ms; -Infinity for one
   * without a merge time, +Infinity for none). It does not depend on the period, so a backfill
   * asks once per author, not once per author and month.
   */
  readonly #memo = new Map<string, Promise<number>>();

  constructor(api: GitlabApi, batch = HISTORY_BATCH) {
    this.#api = api;
    this.#batch = Math.max(1, batch);
  }

  /** Usernames (as given) of the authors who had a matching MR merged before the key's instant. */
  async returning(key: HistoryKey, usernames: readonly string[]): Promise<Set<string>> {
    const scope = JSON.stringify([key.groups, key.labels]);
    const before = key.before.getTime();
    const pending: Array<{ username: string; resolve: (v: number) => void; reject: (e: unknown) => void }> = [];
    const answers = usernames.map((username) => {
      const memoKey = `${scope}|${normaliseUsername(username)}`;
      let answer = this.#memo.get(memoKey);
      if (!answer) {
        answer = new Promise<number>((resolve, reject) => pending.push({ username, resolve, reject }));
        this.#memo.set(memoKey, answer);
      }
      return answer.then((earliest) => (earliest < before ? username : undefined));
    });
    const all = Promise.all(answers);
    // Awaited below; this handler only keeps a failure from counting as unhandled while batches run.
    all.catch(() => undefined);

    const pairs = pending.flatMap((p) => key.groups.map((group) => ({ pending: p, group })));
    const earliestByUser = new Map<string, number>();
    const remaining = new Map<string, number>(pending.map((p) => [p.username, key.groups.length]));
    const chunks: (typeof pairs)[] = [];
    for (let i = 0; i < pairs.length; i += this.#batch) chunks.push(pairs.slice(i, i + this.#batch));
    // Failures reach the callers through their answers' rejections.
    await Promise.allSettled(
      chunks.map(async (chunk) => {
        const lookups: HistoryLookup[] = chunk.map((pair, i) => ({ alias: `a${i}`, group: pair.group, username: pair.pending.username }));
        try {
          const { query, variables } = historyQuery(lookups);
          const answer = await this.#api.query(`GitLab contribution history (earliest merged MR) of ${chunk.length === 1 ? 'one author' : `${chunk.length} authors`}`, query, { ...variables, labels: key.labels }, HistoryAnswer);
          chunk.forEach((pair, i) => {
            const field = answer[`a${i}`];
            if (field === undefined || field === null) {
              throw groupNotFound(pair.group, this.#api.instance);
            }
            if (field.mergeRequests === null) throw gitlabFieldMissing({ what: 'mergeRequests count', root: 'group', path: pair.group });
            const user = pair.pending.username;
            const node = field.mergeRequests.nodes[0];
            // A merged MR without a merge time predates GitLab's merge metrics: earlier than any period.
            const at = node === undefined || node === null ? Number.POSITIVE_INFINITY : node.mergedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(node.mergedAt);
            const earliest = Math.min(earliestByUser.get(user) ?? Number.POSITIVE_INFINITY, Number.isNaN(at) ? Number.POSITIVE_INFINITY : at);
            earliestByUser.set(user, earliest);
            const left = (remaining.get(user) ?? 1) - 1;
            remaining.set(user, left);
            if (left === 0) pair.pending.resolve(earliest);
          });
        } catch (error) {
          for (const pair of chunk) pair.pending.reject(error);
          // Do not keep a failure memoised: a later period may retry these authors.
          for (const pair of chunk) this.#memo.delete(`${scope}|${normaliseUsername(pair.pending.username)}`);
        }
      }),
    );
    const result = await all;
    return new Set(result.filter((u): u is string => u !== undefined));
  }
}
