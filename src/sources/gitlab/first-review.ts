// Time to first review: from an MR's opening to the first comment by someone other than its author
// (GitLab's Code Review Analytics: "review time is the amount of time since the first comment").
// A comment is a note that is not a system note ("added 1 commit", "approved this merge request"),
// written by a human who is not the MR's author. GitLab keeps no first-review time in its MR API,
// so notes are read: MRs are batched as aliased `project.mergeRequest.notes` fields, 8 per
// request, oldest notes first; an MR whose first 100 notes hold no review comment is followed up
// page by page on its own.
import { gitlabMrNotFound, gitlabStuckCursor } from '../../errors/gitlab.ts';
import { isBot, normaliseUsername } from './bots.ts';
import type { GitlabApi } from './connection.ts';
import { ReviewNotesAnswer, type ReviewNote, type ReviewNotes } from './responses.ts';
import type { MrRef } from './window.ts';

/**
 * MRs per request. By GitLab's scoring (BaseField#field_complexity: child + resolver complexity,
 * times 1 + first × 0.01 for a connection) one aliased `project.mergeRequest.notes(first: 100)`
 * scores 22: 10 scored 220, close to the 250 GitLab allows; 8 score 176, under our 200 ceiling.
 */
export const REVIEW_BATCH = 8;

function document(count: number, withCursor: boolean): string {
  const vars: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$p${i}: ID!`, `$i${i}: String!`);
    fields.push(`m${i}: project(fullPath: $p${i}) { mergeRequest(iid: $i${i}) { notes(first: 100${withCursor ? ', after: $cursor' : ''}) { pageInfo { hasNextPage endCursor } nodes { system createdAt author { username bot } } } } }`);
  }
  if (withCursor) vars.push('$cursor: String');
  return `query PulseFirstReview(${vars.join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
}

const keyOf = (mr: MrRef) => `${mr.project}!${mr.iid}`;

export class FirstReviewResolver {
  readonly #api: GitlabApi;
  readonly #memo = new Map<string, Promise<number | null>>();

  constructor(api: GitlabApi) {
    this.#api = api;
  }

  /** MR key → epoch ms of its first review comment, or null when it had none. */
  async firstReviews(mrs: readonly MrRef[]): Promise<Map<string, number | null>> {
    const todo = mrs.filter((mr) => !this.#memo.has(keyOf(mr)));
    for (let i = 0; i < todo.length; i += REVIEW_BATCH) {
      const batch = todo.slice(i, i + REVIEW_BATCH);
      const answer = this.#batch(batch);
      answer.catch(() => undefined);
      batch.forEach((mr, j) => {
        const one = answer.then((found) => found[j] ?? null);
        this.#memo.set(keyOf(mr), one);
        // A failed batch is asked again by the next metric that needs it, not remembered as failed.
        one.catch(() => this.#memo.delete(keyOf(mr)));
      });
    }
    const out = new Map<string, number | null>();
    await Promise.all(mrs.map(async (mr) => out.set(keyOf(mr), (await this.#memo.get(keyOf(mr))) ?? null)));
    return out;
  }

  async #batch(batch: readonly MrRef[]): Promise<Array<number | null>> {
    const variables: Record<string, string> = {};
    batch.forEach((mr, i) => {
      variables[`p${i}`] = mr.project;
      variables[`i${i}`] = mr.iid;
    });
    const answer = await this.#api.query(`GitLab first review of ${batch.length} merge requests`, document(batch.length, false), variables, ReviewNotesAnswer);
    return Promise.all(
      batch.map(async (mr, i) => {
        const firstPage = answer[`m${i}`]?.mergeRequest?.notes;
        if (!firstPage) throw gitlabMrNotFound({ project: mr.project, iid: mr.iid, instance: this.#api.instance });
        let notes: ReviewNotes = firstPage;
        for (let pages = 1; ; pages++) {
          const found = firstComment(notes.nodes, mr.author);
          // 50 pages (5,000 notes) without a review comment: treat it as never reviewed.
          if (found !== null || !notes.pageInfo.hasNextPage || pages >= 50) return found;
          const cursor: string | null = notes.pageInfo.endCursor;
          const next: ReviewNotesAnswer = await this.#api.query(`GitLab notes of ${mr.project}!${mr.iid}`, document(1, true), { p0: mr.project, i0: mr.iid, cursor }, ReviewNotesAnswer);
          const page: ReviewNotes | undefined = next.m0?.mergeRequest?.notes;
          if (!page || page.pageInfo.endCursor === cursor) throw gitlabStuckCursor(`more notes of ${mr.project}!${mr.iid}`);
          notes = page;
        }
      }),
    );
  }
}

function firstComment(nodes: ReadonlyArray<ReviewNote | null>, author: string): number | null {
  let first: number | null = null;
  for (const n of nodes) {
    if (!n || n.system || !n.author || isBot(n.author) || normaliseUsername(n.author.username) === author) continue;
    const at = Date.parse(n.createdAt);
    if (Number.isFinite(at) && (first === null || at < first)) first = at;
  }
  return first;
}
