// The publishing side of the pipeline, declared as data (semantic-release's plugins.js): each step
// says whether it runs in a dry run, which env vars it needs, and how to verify its access with one
// cheap call. Verification applies the dry-run rule in one place (verify.ts): outside a dry run a
// step's env vars are required and its access is checked; in a dry run its access is checked when
// its env vars are all set and only noted when they are not, so a dry run needs no publishing
// secrets. No step ever reads a dry-run flag itself.
//
// Two steps, both `inDryRun: false`: the handbook commit, then the email. They share one session per
// run (src/publish/steps.ts, keyed by the Rendered object): the commit carries the email's pending
// mark, and the email step sends and records the delivery — so no failure can send twice.
import type { ErrorCode } from '../errors.ts';
import type { Goals } from '../goals/goals.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import type { Env } from '../env.ts';
import type { SecretMasker } from '../secrets.ts';
import type { ComposedEmail } from '../publish/email/compose.ts';
import { emailStep, handbookStep, type StepInput } from '../publish/steps.ts';
import type { EmailMeta, RenderedFile } from '../render/index.ts';
import type { Recorded } from './state.ts';

/** One problem found before collecting; verify reports all of them at once. */
export interface Problem {
  code: ErrorCode;
  message: string;
  fix: string;
}

export type { EmailMeta, RenderedFile } from '../render/index.ts';

/** render: the report turned into files, and what the email needs besides them (subject, inline images). */
export interface Rendered extends Recorded {
  files: readonly RenderedFile[];
  /** null when no month was reported (nothing to render). */
  email: EmailMeta | null;
  /** The exact message (written to --out as email.eml, and the bytes the email step sends); null without publish.email. */
  message: ComposedEmail | null;
}

export interface PublishDeps {
  env: Env;
  http: HttpClient;
  log: Logger;
  masker: SecretMasker;
  now(): Date;
}

export interface PublishStep {
  name: string;
  /** false for every step with an effect outside --out (commit, email): skipped in a dry run. */
  inDryRun: boolean;
  /** The env vars this step needs for these goals (e.g. publish.handbook.token_env); [] when unconfigured. */
  envNames(goals: Goals): string[];
  /** One cheap authenticated call (e.g. write access to the handbook, an SMTP login); [] when all is well. */
  verify(goals: Goals, deps: PublishDeps): Promise<Problem[]>;
  /** Publishes; returns one line per thing published (URL, commit, recipients) for the log. */
  run(rendered: Rendered, deps: PublishDeps): Promise<string[]>;
}

function stepInput(r: Rendered): StepInput | undefined {
  if (!r.report || !r.email) return undefined;
  return {
    goals: r.goals,
    period: r.report.result.report.period.label,
    snapshot: r.report.record,
    rendered: { files: r.files, email: r.email },
    email: r.message ?? undefined,
    resend: r.options.resend ?? false,
    generator: `community-pulse ${r.options.version}`,
  };
}

export const PUBLISH_STEPS: readonly PublishStep[] = [
  {
    name: handbookStep.name,
    inDryRun: false,
    envNames: (goals) => handbookStep.envNames(goals),
    verify: (goals, deps) => handbookStep.verify(goals, deps),
    run: async (rendered, deps) => {
      const input = stepInput(rendered);
      return input ? handbookStep.run(rendered, input, deps) : [];
    },
  },
  {
    name: emailStep.name,
    inDryRun: false,
    envNames: (goals) => emailStep.envNames(goals),
    verify: (goals, deps) => emailStep.verify(goals, deps),
    run: async (rendered, deps) => {
      const input = stepInput(rendered);
      return input ? emailStep.run(rendered, input, deps) : [];
    },
  },
];
