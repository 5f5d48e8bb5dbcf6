// What the layers above use from publishing: the one publishing step (steps.ts, running the
// executor of execute.ts on the rendered report), composeEmailStep (the exact message, composed
// once by the render step: written to --out as email.eml, and the bytes the executor sends), and
// history from the handbook (HandbookHistory).
import type { Goals } from '../goals/goals.ts';
import { pageUrlOf } from '../goals/page-url.ts';
import type { ReportModel } from '../evaluate/model.ts';
import { CHAT_CHANNELS, type ChatChannel } from './record.ts';
import type { ComposedEmail } from './email/compose.ts';
import { emailContent, type RenderedLike } from './from-render.ts';

export type { ComposedEmail } from './email/compose.ts';
export type { RenderedLike } from './from-render.ts';
export type { PublishInput } from './execute.ts';
export { HandbookHistory } from './handbook/history.ts';
export { HandbookApi } from './handbook/api.ts';
export { publishChecks, publishStep, type PeriodReport } from './steps.ts';

/** The message for this report and period, dated `date`; undefined without publish.email. */
export async function composeEmailStep(goals: Goals, rendered: RenderedLike, period: string, date: Date): Promise<ComposedEmail | undefined> {
  const mail = goals.publish.email;
  if (!mail) return undefined;
  const content = emailContent(rendered, { title: goals.report.title, org: goals.report.org, period });
  // The composer (nodemailer's MailComposer) is loaded when there is a message to build: `check`
  // assembles the publishing steps but never composes.
  const { composeEmail } = await import('./email/compose.ts');
  return composeEmail({ from: mail.from, to: mail.to, cc: mail.cc, replyTo: mail.reply_to }, content, date);
}

/**
 * The chat posts of this report for the configured channels (publish.slack, publish.teams): the
 * Slack Block Kit message and the Teams Adaptive Card. Empty without a chat channel.
 */
export async function chatPostsStep(goals: Goals, report: ReportModel): Promise<Partial<Record<ChatChannel, unknown>>> {
  const channels = CHAT_CHANNELS.filter((c) => goals.publish[c] !== undefined);
  if (channels.length === 0) return {};
  const { chatMessages } = await import('../render/chat/index.ts');
  const hb = goals.publish.handbook;
  const messages = chatMessages(report, pageUrlOf(goals), { mode: hb?.mode ?? 'commit', mergeRequestUrl: null });
  return Object.fromEntries(channels.map((c) => [c, messages[c]]));
}

export { commitHistory } from './checkpoint.ts';
export { publishTargets } from './targets.ts';
