// What the pipeline calls. Three steps, each a plain function of its inputs:
//   verifyPublishingStep — before any side effect; every problem at once (exit 2).
//   composeEmailStep     — the exact message, in dry runs too (written to --out as email.eml).
//   publishStep          — commit to the handbook, send the email, record the delivery (exit 4 on failure).
import type { Env } from '../env.ts';
import type { PulseError } from '../errors.ts';
import type { Goals } from '../goals/goals.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import type { SecretMasker } from '../secrets.ts';
import { type ComposedEmail, composeEmail } from './email/compose.ts';
import { emailContent, handbookFiles, type RenderedLike } from './from-render.ts';
import { publishPeriod, type PublishOutcome } from './publish.ts';
import { publishTargets, type Targets } from './targets.ts';
import { verifyPublishing } from './verify.ts';

export type { PublishOutcome } from './publish.ts';
export type { RenderedLike } from './from-render.ts';
export { HandbookHistory } from './handbook/history.ts';
export { HandbookApi } from './handbook/api.ts';

export interface PublishDeps {
  env: Env;
  http: HttpClient;
  masker: SecretMasker;
  log: Logger;
  now(): Date;
}

/** Which publishing credentials are present (the dry-run rule: check only what could be used). */
function present(goals: Goals, env: Env): { handbook: boolean; email: boolean } {
  const hb = goals.publish.handbook;
  const smtp = goals.publish.email?.smtp;
  return {
    handbook: Boolean(hb && env[hb.token_env]),
    email: Boolean(smtp && (smtp.password_env ? env[smtp.password_env] : true)),
  };
}

/**
 * The publishing checks of the verify step. Outside a dry run every configured target is checked
 * and a missing credential is a problem; in a dry run only targets whose credentials are set.
 */
export async function verifyPublishingStep(goals: Goals, deps: PublishDeps, dryRun: boolean): Promise<PulseError[]> {
  const has = present(goals, deps.env);
  const publish = dryRun ? { handbook: has.handbook ? goals.publish.handbook : undefined, email: has.email ? goals.publish.email : undefined } : goals.publish;
  if (!publish.handbook && !publish.email) return [];
  return verifyPublishing(publishTargets(publish, deps.env, deps.http, deps.masker), deps.env);
}

export async function composeEmailStep(goals: Goals, rendered: RenderedLike, period: string, date: Date): Promise<ComposedEmail | undefined> {
  const mail = goals.publish.email;
  if (!mail) return undefined;
  const content = emailContent(rendered, { title: goals.report.title, org: goals.report.org, period });
  return composeEmail({ from: mail.from, to: mail.to, cc: mail.cc, replyTo: mail.reply_to }, content, date);
}

export interface PublishStepInput {
  goals: Goals;
  period: string;
  /** The snapshot to record: this run's, or the stored one when the period was not collected. */
  snapshot: Snapshot;
  rendered: RenderedLike;
  email: ComposedEmail | undefined;
  resend: boolean;
  generator: string;
}

export async function publishStep(input: PublishStepInput, deps: PublishDeps): Promise<PublishOutcome & { targets: Targets }> {
  const { goals } = input;
  const targets = publishTargets(goals.publish, deps.env, deps.http, deps.masker);
  const hb = goals.publish.handbook;
  const files = hb ? handbookFiles(input.rendered, { page: hb.page, piData: hb.pi_data }) : [];
  const outcome = await publishPeriod(
    { period: input.period, title: goals.report.title, snapshot: input.snapshot, files, email: input.email, resend: input.resend, generator: input.generator },
    targets.handbook,
    targets.email,
    { log: deps.log, now: deps.now },
  );
  return { ...outcome, targets };
}
