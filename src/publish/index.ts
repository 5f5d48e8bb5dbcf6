// What the layers above use from publishing. The pipeline declares the two steps (steps.ts) in
// src/pipeline/publish-steps.ts; its render step composes the exact message once with
// composeEmailStep (written to --out as email.eml, and the bytes the email step sends); history
// from the handbook (target branch + open MR branches) comes from HandbookHistory.
import type { Goals } from '../goals/goals.ts';
import type { ComposedEmail } from './email/compose.ts';
import { emailContent, type RenderedLike } from './from-render.ts';

export type { ComposedEmail } from './email/compose.ts';
export type { RenderedLike } from './from-render.ts';
export { HandbookHistory } from './handbook/history.ts';
export { HandbookApi } from './handbook/api.ts';
export { emailStep, handbookStep, type StepInput } from './steps.ts';

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
