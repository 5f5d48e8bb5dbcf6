// The chat posts of a report: the Slack message and the Teams card, built from one view.
import type { ReportModel } from '../../evaluate/model.ts';
import type { PagePublishing } from '../email-view.ts';
import { slackMessage, type SlackMessage } from './slack.ts';
import { teamsMessage, type TeamsMessage } from './teams.ts';
import { chatView } from './view.ts';

export type { SlackMessage } from './slack.ts';
export type { TeamsMessage } from './teams.ts';

export interface ChatMessages {
  slack: SlackMessage;
  teams: TeamsMessage;
}

export function chatMessages(report: ReportModel, pageUrl: string | null, publishing?: PagePublishing): ChatMessages {
  const view = chatView(report, pageUrl, publishing);
  return { slack: slackMessage(view), teams: teamsMessage(view) };
}
