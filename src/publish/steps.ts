// Publishing as the pipeline declares it: one step (handbook commit, then email), as plain
// functions of their inputs — which env vars it needs, its verification, and its run. The run is
// the same executor the tests call (execute.ts publishPeriod); nothing is kept between calls.
import type { PulseError } from '../errors.ts';
import type { Goals } from '../goals/goals.ts';
import type { Snapshot } from '../history/snapshot.ts';
import { forCommitTitle } from '../render/escape.ts';
import type { ComposedEmail } from './email/compose.ts';
import { publishPeriod } from './execute.ts';
import { handbookFiles, type RenderedLike } from './from-render.ts';
import type { ChatChannel } from './record.ts';
import { CHAT_NAMES, chatTarget, publishTargets } from './targets.ts';
import { verifyPublishing } from './verify.ts';
import type { Services } from '../services.ts';

/** One period's report as render made it: the files, the exact message and the chat posts, with the month's record. */
export interface PeriodReport extends RenderedLike {
  period: string;
  /** The snapshot to record: this run's, or the stored one when the period was not collected again. */
  snapshot: Snapshot;
  message: ComposedEmail | undefined;
  chat: Partial<Record<ChatChannel, unknown>>;
  resend: boolean;
  generator: string;
}

/** What verification checks separately (each with its own env vars): a missing SMTP login does not skip the handbook check. */
export const publishChecks = [
  {
    name: 'commit to the handbook',
    envNames(goals: Goals): string[] {
      const hb = goals.publish.handbook;
      return hb ? [...new Set([hb.token_env, ...(hb.pi_data_target?.token_env ? [hb.pi_data_target.token_env] : [])])] : [];
    },
    async verify(goals: Goals, deps: Services): Promise<PulseError[]> {
      if (!goals.publish.handbook) return [];
      return verifyPublishing(publishTargets({ handbook: goals.publish.handbook }, deps.env, deps.http, deps.masker), deps.env);
    },
  },
  {
    name: 'send the email',
    envNames(goals: Goals): string[] {
      const smtp = goals.publish.email?.smtp;
      return smtp ? [smtp.username_env, smtp.password_env].filter((n): n is string => Boolean(n)) : [];
    },
    async verify(goals: Goals, deps: Services): Promise<PulseError[]> {
      if (!goals.publish.email) return [];
      return verifyPublishing(publishTargets({ email: goals.publish.email }, deps.env, deps.http, deps.masker), deps.env);
    },
  },
  ...(['slack', 'teams'] as const).map((channel) => ({
    name: `post to ${CHAT_NAMES[channel]}`,
    envNames(goals: Goals): string[] {
      const chat = goals.publish[channel];
      return chat ? [chat.webhook_url_env] : [];
    },
    // A webhook cannot be asked anything without posting: the URL's presence and shape are checked.
    async verify(goals: Goals, deps: Services): Promise<PulseError[]> {
      const chat = goals.publish[channel];
      if (!chat) return [];
      const target = chatTarget(channel, chat, deps.env, deps.http, deps.masker);
      return target instanceof Error ? [target] : [];
    },
  })),
] as const;

export const publishStep = {
  name: 'publish the report (handbook commit, then email and chat posts)',
  /** Every part's env vars, in the parts' order (handbook, email, Slack, Teams). */
  envNames(goals: Goals): string[] {
    return publishChecks.flatMap((check) => check.envNames(goals));
  },
  async verify(goals: Goals, deps: Services): Promise<PulseError[]> {
    if (!goals.publish.handbook && !goals.publish.email && !goals.publish.slack && !goals.publish.teams) return [];
    return verifyPublishing(publishTargets(goals.publish, deps.env, deps.http, deps.masker), deps.env);
  },
  /** Throws the first failure (EPUBLISH, exit 4) after logging the others; returns one line per thing published. */
  async run(goals: Goals, report: PeriodReport, deps: Services): Promise<string[]> {
    const targets = publishTargets(goals.publish, deps.env, deps.http, deps.masker);
    const hb = goals.publish.handbook;
    // The rendered files at their handbook paths (the page, the PI data, the charts the page links).
    const files = hb ? handbookFiles(report, { page: hb.page, piData: hb.pi_data }) : [];
    const { period, snapshot, message, chat, resend, generator } = report;
    const outcome = await publishPeriod({ period, title: forCommitTitle(goals.report.title), snapshot, files, email: message, chat, resend, generator }, targets, deps);
    const [first, ...rest] = outcome.failures;
    for (const other of rest) deps.log.warn(`${other.message} (fix: ${other.fix})`);
    if (first) throw first;
    const email = outcome.email;
    return [
      ...outcome.commits.map((c) => `handbook commit ${c.web_url}`),
      ...(outcome.mergeRequest ? [`merge request !${outcome.mergeRequest.iid} ${outcome.mergeRequest.web_url}`] : []),
      ...(outcome.piDataMergeRequest ? [`PI data merge request !${outcome.piDataMergeRequest.iid} ${outcome.piDataMergeRequest.web_url}`] : []),
      ...(email ? [`email ${email.messageId}: ${email.state}${email.accepted.length ? ` to ${email.accepted.join(', ')}` : ''}${email.rejected.length ? `; rejected ${email.rejected.join(', ')}` : ''}`] : []),
      ...outcome.chats.map((c) => `${CHAT_NAMES[c.channel]}: ${c.state}`),
      ...outcome.records.map((c) => `delivery recorded in ${c.web_url}`),
    ];
  },
};
