// The executor of a publication plan (changesets' apply-release-plan): read the destination once,
// plan (plan.ts, pure), commit the report with the email's pending mark, open or update the merge
// request, send, record the delivery. The pipeline and the tests call this one function; no state
// outlives a call. Failures do not throw: they are returned, each one exit 4. This file holds the
// order only; the parts are handbook/report-commit.ts (commits, MR text, delivery record),
// email/deliver.ts (the send) and chat/deliver.ts (the posts).
import { randomUUID } from 'node:crypto';
import { PulseError } from '../errors.ts';
import { deliverEmail } from './email/deliver.ts';
import { decideEmail, type EmailDecision } from './delivery.ts';
import { upsertMergeRequest } from './handbook/merge-request.ts';
import { commitPiData, commitReport, mergeRequestText, recordDelivery, recordedWords } from './handbook/report-commit.ts';
import type { Destination } from './handbook/where.ts';
import type { PlanInput } from './plan.ts';
import type { ChatChannel, ChatDelivery, EmailDelivery, Publication } from './record.ts';
import { decideChat, type ChatDecision } from './chat/delivery.ts';
import { postChat } from './chat/deliver.ts';
import type { PublishDeps, PublishInput, PublishOutcome, PublishTargets } from './publication.ts';

export type { ChatOutcome, EmailOutcome, PublishDeps, PublishInput, PublishOutcome, PublishTargets } from './publication.ts';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Publishes one period: every failure is returned (each one exit 4), nothing is thrown. */
export async function publishPeriod(input: PublishInput, targets: PublishTargets, deps: PublishDeps): Promise<PublishOutcome> {
  const { log } = deps;
  const { handbook, email, piData } = targets;
  // A channel is posted to when it is configured and the render step gave it a message.
  const chats = (targets.chats ?? []).filter((c) => input.chat?.[c.channel] !== undefined);
  const outcome: PublishOutcome = { commits: [], records: [], chats: [], failures: [] };
  const fail = (msg: string, fix: string) => outcome.failures.push(new PulseError('EPUBLISH', msg, fix));
  if (!handbook && !email && chats.length === 0) return outcome;
  const planInput: PlanInput = {
    period: input.period,
    title: input.title,
    generator: input.generator,
    snapshot: input.snapshot,
    // The PI data of pi_data_target goes to its own project, never into the handbook's commit.
    files: input.files.filter((f) => !(handbook?.elsewhere ?? []).includes(f.path)),
    pagePath: handbook?.settings.page ?? '',
    piDataPath: handbook?.settings.piData,
    snapshotPath: handbook ? `${handbook.settings.dataDir}/${input.period}.json` : '',
    messageId: email ? input.email?.messageId : undefined,
    resend: input.resend,
    chats: chats.map((c) => c.channel),
    attemptedAt: deps.now().toISOString(),
    attempt: deps.attempt ?? randomUUID(),
  };

  let decision: EmailDecision | undefined;
  let chatDecisions: Partial<Record<ChatChannel, ChatDecision>> = {};
  let destination: Destination | undefined;
  let pending: EmailDelivery | undefined;
  let kept = false;
  let recorded: Publication = {};
  if (handbook) {
    try {
      const done = await commitReport(handbook, planInput, outcome, log);
      ({ destination } = done);
      decision = done.plan.email;
      chatDecisions = done.plan.chats;
      pending = done.plan.pending;
      recorded = done.plan.publication;
      if (destination.viaMergeRequest && !destination.startBranch) outcome.mergeRequest = await upsertMergeRequest(handbook.api, mergeRequestText(input, handbook.settings.branch, destination), log);
      kept = done.plan.pageKept;
    } catch (error) {
      fail(`handbook: the report was not committed: ${message(error)}`, `${error instanceof PulseError ? error.fix + ' ' : ''}Nothing was sent; re-run the job once this is fixed.`);
      if (input.email && email) {
        log.warn('email: not sent, because the report could not be committed (the delivery could not be recorded)');
        outcome.email = { state: 'not-sent', messageId: input.email.messageId, accepted: [], rejected: [] };
      }
      for (const chat of chats) {
        log.warn(`${chat.name}: not posted, because the report could not be committed (the delivery could not be recorded)`);
        outcome.chats.push({ channel: chat.channel, state: 'not-sent' });
      }
      return outcome;
    }
  } else {
    if (email && input.email) {
      log.warn('email: publish.handbook is not configured, so deliveries are not recorded anywhere: every run that is not a dry run sends the email');
      decision = decideEmail({ kind: 'none' }, { resend: input.resend, messageId: input.email.messageId });
    }
    for (const chat of chats) {
      log.warn(`${chat.name}: publish.handbook is not configured, so posts are not recorded anywhere: every run that is not a dry run posts the summary`);
      chatDecisions[chat.channel] = decideChat(chat.channel, { kind: 'none' }, input.resend);
    }
  }

  // The PI data's own project, after the report is committed there: a failure here is reported
  // (exit 4) but the report and its email stand; the re-run commits only the PI data.
  const piFile = piData ? input.files.find((f) => f.path === piData.settings.page) : undefined;
  if (piData && piFile) {
    try {
      await commitPiData(piData, piFile, input, kept, outcome, log);
    } catch (error) {
      fail(
        `PI data: ${piData.settings.page} was not committed to ${piData.settings.project}: ${message(error)}`,
        `${error instanceof PulseError ? error.fix + ' ' : ''}The handbook report is committed; re-run the job: it commits only what is missing and does not send the email again.`,
      );
    }
  }

  const emailResult = input.email && email && decision ? await deliverEmail({ message: input.email, email, decision, pending, planInput, destination, handbook }, outcome, fail, deps) : undefined;
  const chatResults: Partial<Record<ChatChannel, ChatDelivery>> = {};
  for (const chat of chats) {
    const chosen = chatDecisions[chat.channel];
    if (!chosen) continue;
    const result = await postChat(chat, input.chat?.[chat.channel], chosen, planInput, outcome, fail, deps);
    if (result) chatResults[chat.channel] = result;
  }

  const changed = new Set<string>([...(emailResult ? ['email'] : []), ...Object.keys(chatResults)]);
  if (!handbook || !destination || changed.size === 0) return outcome;
  const publication: Publication = { ...recorded, ...(emailResult ? { email: emailResult } : {}), ...chatResults };
  try {
    await recordDelivery(handbook, destination, planInput, publication, changed, outcome, log);
  } catch (error) {
    const words = recordedWords(publication, changed);
    const sentOnly = [...changed].every((k) => publication[k as keyof Publication]?.state === 'sent');
    const what = changed.has('email') && changed.size === 1 ? 'send the email' : 'send or post them';
    fail(
      `handbook: ${words} could not be recorded: ${message(error)}`,
      sentOnly
        ? `${planInput.snapshotPath} still says pending, so the next run will not ${changed.has('email') && changed.size === 1 ? 'send the email' : 'send or post'} again. If it did not arrive, re-run with --resend.`
        : `${planInput.snapshotPath} still says pending: re-run with --resend to ${what}.`,
    );
  }
  return outcome;
}
