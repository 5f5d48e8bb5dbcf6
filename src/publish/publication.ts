// What publishing one period takes (the report, the targets) and returns (each target's outcome and
// every failure, each one exit 4). Shared by the executor (execute.ts) and the parts it runs
// (handbook/report-commit.ts, email/deliver.ts, chat/deliver.ts).
import type { PulseError } from '../errors.ts';
import type { Snapshot } from '../history/snapshot.ts';
import type { ComposedEmail } from './email/compose.ts';
import type { HandbookFile } from './handbook/commit.ts';
import type { CommitInfo, MergeRequestInfo } from './handbook/responses.ts';
import type { ChatChannel } from './record.ts';
import type { ChatTarget, EmailTarget, HandbookTarget, PiDataTarget } from './targets.ts';
import type { Services } from '../services.ts';

export interface PublishInput {
  period: string;
  title: string;
  /** The snapshot to record: this run's, or the stored one when the period was not collected again. */
  snapshot: Snapshot;
  /** Rendered files at their repository paths; the one at settings.page is stamped. */
  files: HandbookFile[];
  email?: ComposedEmail | undefined;
  /** The chat posts (JSON payloads) per channel; a configured channel without one is not posted. */
  chat?: Partial<Record<ChatChannel, unknown>> | undefined;
  resend: boolean;
  generator: string;
}

export interface PublishTargets {
  handbook?: HandbookTarget | undefined;
  /** The PI data's own project (publish.handbook.pi_data_target). */
  piData?: PiDataTarget | undefined;
  email?: EmailTarget | undefined;
  chats?: readonly ChatTarget[] | undefined;
}

export interface EmailOutcome {
  state: 'sent' | 'already-sent' | 'failed' | 'unknown' | 'blocked' | 'not-sent';
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface ChatOutcome {
  channel: ChatChannel;
  state: 'sent' | 'already-sent' | 'failed' | 'unknown' | 'blocked' | 'not-sent';
}

export interface PublishOutcome {
  branch?: string;
  /** The report commit (at most one), then the PI data's commit in its own project (at most one). */
  commits: CommitInfo[];
  /** The merge request of the PI data in its own project (pi_data_target), when it goes through one. */
  piDataMergeRequest?: MergeRequestInfo;
  /** The commit recording the email's delivery. */
  records: CommitInfo[];
  mergeRequest?: MergeRequestInfo;
  email?: EmailOutcome;
  /** One per configured chat channel, in posting order. */
  chats: ChatOutcome[];
  /** Each one makes the run exit 4; everything else was still done. */
  failures: PulseError[];
}

/** What the executor uses of the composition root's Services, and this run's id in the pending mark (default: random). */
export type PublishDeps = Pick<Services, 'log' | 'now'> & { attempt?: string };

/** Records one failure (EPUBLISH, exit 4) and lets the others go on. */
export type Fail = (msg: string, fix: string) => void;
