// The two publishing steps as the pipeline declares them (handbook commit, then email), as plain
// functions of their inputs: which env vars each needs, its verification, and its run. The steps
// of one run share a session (the email's pending mark is decided and committed by the handbook
// step); `sessionFor(key)` keeps one per run, keyed by the object the pipeline passes to both.
import type { Env } from '../env.ts';
import { PulseError } from '../errors.ts';
import type { Goals } from '../goals/goals.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import type { SecretMasker } from '../secrets.ts';
import type { ComposedEmail } from './email/compose.ts';
import { handbookFiles, type RenderedLike } from './from-render.ts';
import { newSession, publishHandbookPhase, type PublishInput, type PublishSession, sendEmailPhase } from './publish.ts';
import { publishTargets } from './targets.ts';
import { verifyPublishing } from './verify.ts';
import { forCommitTitle } from '../render/escape.ts';

export interface StepDeps {
  env: Env;
  http: HttpClient;
  log: Logger;
  masker: SecretMasker;
  now(): Date;
}

export interface StepInput {
  goals: Goals;
  period: string;
  /** The month's record: this run's snapshot, or the stored one when it was not collected again. */
  snapshot: Snapshot;
  rendered: RenderedLike;
  email: ComposedEmail | undefined;
  resend: boolean;
  generator: string;
}

const sessions = new WeakMap<object, PublishSession>();

export function sessionFor(key: object): PublishSession {
  let session = sessions.get(key);
  if (!session) {
    session = newSession();
    sessions.set(key, session);
  }
  return session;
}

function publishInput(input: StepInput): PublishInput {
  const hb = input.goals.publish.handbook;
  const files = hb ? handbookFiles(input.rendered, { page: hb.page, piData: hb.pi_data }) : [];
  return { period: input.period, title: forCommitTitle(input.goals.report.title), snapshot: input.snapshot, files, email: input.email, resend: input.resend, generator: input.generator };
}

/** Throws the first new failure (EPUBLISH, exit 4) after logging the others. */
function raise(session: PublishSession, before: number, log: Logger): void {
  const fresh = session.outcome.failures.slice(before);
  const [first, ...rest] = fresh;
  for (const other of rest) log.warn(`${other.message} (fix: ${other.fix})`);
  if (first) throw first;
}

export const handbookStep = {
  name: 'commit to the handbook',
  envNames(goals: Goals): string[] {
    const hb = goals.publish.handbook;
    return hb ? [hb.token_env] : [];
  },
  async verify(goals: Goals, deps: StepDeps): Promise<PulseError[]> {
    if (!goals.publish.handbook) return [];
    return verifyPublishing(publishTargets({ handbook: goals.publish.handbook }, deps.env, deps.http, deps.masker), deps.env);
  },
  async run(key: object, input: StepInput, deps: StepDeps): Promise<string[]> {
    const session = sessionFor(key);
    const before = session.outcome.failures.length;
    const targets = publishTargets(input.goals.publish, deps.env, deps.http, deps.masker);
    if (!targets.handbook && !targets.email) return [];
    await publishHandbookPhase(session, publishInput(input), targets.handbook, targets.email, deps);
    raise(session, before, deps.log);
    const { outcome } = session;
    return [...outcome.commits.map((c) => `handbook commit ${c.web_url}`), ...(outcome.mergeRequest ? [`merge request !${outcome.mergeRequest.iid} ${outcome.mergeRequest.web_url}`] : [])];
  },
};

export const emailStep = {
  name: 'send the email',
  envNames(goals: Goals): string[] {
    const smtp = goals.publish.email?.smtp;
    return smtp ? [smtp.username_env, smtp.password_env].filter((n): n is string => Boolean(n)) : [];
  },
  async verify(goals: Goals, deps: StepDeps): Promise<PulseError[]> {
    if (!goals.publish.email) return [];
    return verifyPublishing(publishTargets({ email: goals.publish.email }, deps.env, deps.http, deps.masker), deps.env);
  },
  async run(key: object, input: StepInput, deps: StepDeps): Promise<string[]> {
    const session = sessionFor(key);
    const before = session.outcome.failures.length;
    const targets = publishTargets(input.goals.publish, deps.env, deps.http, deps.masker);
    const commitsBefore = session.outcome.commits.length;
    await sendEmailPhase(session, publishInput(input), targets.handbook, targets.email, deps);
    raise(session, before, deps.log);
    const email = session.outcome.email;
    if (!email) return [];
    const lines = [`email ${email.messageId}: ${email.state}${email.accepted.length ? ` to ${email.accepted.join(', ')}` : ''}${email.rejected.length ? `; rejected ${email.rejected.join(', ')}` : ''}`];
    return [...lines, ...session.outcome.commits.slice(commitsBefore).map((c) => `delivery recorded in ${c.web_url}`)];
  },
};
