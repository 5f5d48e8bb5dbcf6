// The publishing side of the pipeline, declared as data (semantic-release's plugins.js): each step
// says whether it runs in a dry run, which env vars it needs, and how to verify its access with one
// cheap call. Verification applies the dry-run rule in one place (verify.ts): outside a dry run a
// step's env vars are required and its access is checked; in a dry run its access is checked when
// its env vars are all set and only noted when they are not, so a dry run needs no publishing
// secrets. No step ever reads a dry-run flag itself.
//
// One step, `inDryRun: false`: the handbook commit, then the email (src/publish/execute.ts). The
// commit carries the email's pending mark and the same call sends and records the delivery — so
// no failure can send twice, and no state is shared between steps.
import type { ErrorCode } from '../errors.ts';
import type { Goals } from '../goals/goals.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { ComposedEmail } from '../publish/email/compose.ts';
import { publishChecks, publishStep } from '../publish/index.ts';
import type { EmailMeta, RenderedFile } from '../render/index.ts';
import type { JudgedMonth, Run } from './state.ts';
import type { Services } from '../services.ts';

/** One problem found before collecting; verify reports all of them at once. */
export interface Problem {
  code: ErrorCode;
  message: string;
  fix: string;
}

export type { EmailMeta, RenderedFile } from '../render/index.ts';

/** render: the report turned into files, and what the email needs besides them (subject, inline images). */
export interface Rendered {
  files: readonly RenderedFile[];
  /** null when no month was reported (nothing to render). */
  email: EmailMeta | null;
  /** The exact message (written to --out as email.eml, and the bytes the email step sends); null without publish.email. */
  message: ComposedEmail | null;
  /** The chat posts per configured channel (written to --out as chat-<channel>.json, and what is posted). */
  chat: Partial<Record<'slack' | 'teams', unknown>>;
}

/** What the publishing steps (and the local write) take: the run, the reported month, the records this run made, and what render made of them. */
export interface ToPublish {
  run: Run;
  /** The reported month's judgement; undefined when history and this run have none (nothing to publish). */
  report: JudgedMonth | undefined;
  /** The snapshots to store: only the months this run collected. */
  records: readonly Snapshot[];
  rendered: Rendered;
}

export interface PublishStep {
  name: string;
  /** false for every step with an effect outside --out (commit, email): skipped in a dry run. */
  inDryRun: boolean;
  /** The env vars this step needs for these goals (e.g. publish.handbook.token_env); [] when unconfigured. */
  envNames(goals: Goals): string[];
  /** One cheap authenticated call (e.g. write access to the handbook, an SMTP login); [] when all is well. */
  verify(goals: Goals, deps: Services): Promise<Problem[]>;
  /**
   * When set, verification walks these instead of the step as a whole: each part's env vars and
   * access are checked on their own (a missing SMTP login does not skip the handbook check).
   */
  checks?: ReadonlyArray<Pick<PublishStep, 'name' | 'envNames' | 'verify'>>;
  /** Publishes; returns one line per thing published (URL, commit, recipients) for the log. */
  run(input: ToPublish, deps: Services): Promise<string[]>;
}

export const PUBLISH_STEPS: readonly PublishStep[] = [
  {
    name: publishStep.name,
    inDryRun: false,
    envNames: (goals) => publishStep.envNames(goals),
    verify: (goals, deps) => publishStep.verify(goals, deps),
    checks: publishChecks.map((check) => ({ name: check.name, envNames: (goals: Goals) => check.envNames(goals), verify: (goals: Goals, deps: Services) => check.verify(goals, deps) })),
    run: async ({ run, report, rendered }, deps) => {
      if (!report || !rendered.email) return [];
      const { options } = run;
      const period = { period: report.result.report.period.label, snapshot: report.record, resend: options.resend ?? false, generator: `community-pulse ${options.version}` };
      return publishStep.run(run.goals, { ...period, files: rendered.files, email: rendered.email, message: rendered.message ?? undefined, chat: rendered.chat }, deps);
    },
  },
];
