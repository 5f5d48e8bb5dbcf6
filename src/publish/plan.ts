// The publication as a pure plan (changesets' assemble-release-plan): from ONE read of the
// destination branch (every file the commit may touch, with the last_commit_id GitLab gave for
// it) and the options, what to commit where and whether to send the email. The executor
// (execute.ts) does the I/O: it reads, asks for a plan, commits it, sends, records.
//
// The pending mark is a compare-and-swap: the send decision and the snapshot action come from the
// same read, and the action carries that read's last_commit_id (or is a `create` when the file was
// absent). If another run committed in between, GitLab refuses the commit and the executor reads
// again, so of two runs only the one whose commit landed sends.
import type { Snapshot } from '../history/snapshot.ts';
import type { CommitAction } from './handbook/api.ts';
import type { HandbookFile } from './handbook/commit.ts';
import type { Destination } from './handbook/where.ts';
import { stampData, stampPage } from './handbook/stamp.ts';
import { decideEmail, type EmailDecision, storedDelivery } from './delivery.ts';
import { decideChat, storedChat, type ChatDecision } from './chat/delivery.ts';
import { type ChatChannel, type ChatDelivery, type EmailDelivery, type Publication, snapshotFileText } from './record.ts';

export interface StoredFile {
  content: Buffer;
  lastCommitId: string;
}

/** One read of the branch the commit goes to (or of start_branch while that branch does not exist). */
export interface BranchRead {
  destination: Destination;
  /** Every path the commit may write: what is there now, undefined when absent. */
  files: ReadonlyMap<string, StoredFile | undefined>;
  /** The newest period that has a snapshot on the target branch (undefined: none). */
  newestPeriod?: string | undefined;
}

export interface PlanInput {
  period: string;
  title: string;
  generator: string;
  /** The month's record: this run's snapshot, or the stored one when it was not collected again. */
  snapshot: Snapshot;
  /** Rendered files at their repository paths (the page unstamped). */
  files: readonly HandbookFile[];
  pagePath: string;
  /** The PI data file (stamped like the page); undefined when none is written. */
  piDataPath?: string | undefined;
  snapshotPath: string;
  /** The message this run would send; undefined without publish.email. */
  messageId?: string | undefined;
  resend: boolean;
  /** The chat channels configured (publish.slack, publish.teams): each posts once per period like the email. */
  chats?: readonly ChatChannel[] | undefined;
  /** When and by which run the pending mark is written. */
  attemptedAt: string;
  attempt: string;
}

export interface PublishPlan {
  destination: Destination;
  /** Empty: nothing differs, no commit. */
  actions: CommitAction[];
  message: string;
  /** What is on the branch once the commit landed, per path of `actions`. */
  expected: ReadonlyMap<string, Buffer>;
  email?: EmailDecision | undefined;
  /** The mark the commit carries when the email is about to be sent. */
  pending?: EmailDelivery | undefined;
  /** Per configured chat channel: post or not, and why. */
  chats: Partial<Record<ChatChannel, ChatDecision>>;
  /** The delivery records the commit writes into the snapshot file (pending marks, or the stored ones carried over). */
  publication: Publication;
  /** The page, PI data and charts are left as they are (a newer month is published). */
  pageKept: boolean;
  /** Things the log should say (warnings). */
  notes: string[];
}

function bytesOf(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/** Text files go as text (readable in the commit API's log); anything else as base64. */
function encode(content: string | Uint8Array): { content: string; encoding: 'text' | 'base64' } {
  return typeof content === 'string' ? { content, encoding: 'text' } : { content: Buffer.from(content).toString('base64'), encoding: 'base64' };
}

/** The actions that turn `read` into `files`: files already equal are left out. */
export function actionsFor(files: readonly HandbookFile[], read: ReadonlyMap<string, StoredFile | undefined>): { actions: CommitAction[]; expected: Map<string, Buffer> } {
  const actions: CommitAction[] = [];
  const expected = new Map<string, Buffer>();
  for (const file of files) {
    const now = read.get(file.path);
    const bytes = bytesOf(file.content);
    if (now && now.content.equals(bytes)) continue;
    expected.set(file.path, bytes);
    actions.push(now ? { action: 'update', file_path: file.path, ...encode(file.content), last_commit_id: now.lastCommitId } : { action: 'create', file_path: file.path, ...encode(file.content) });
  }
  return { actions, expected };
}

export function planPublication(read: BranchRead, input: PlanInput): PublishPlan {
  const notes: string[] = [];
  const storedText = read.files.get(input.snapshotPath)?.content.toString('utf8');
  const stored = storedDelivery(storedText, input.period);
  if (stored.kind === 'other-period') notes.push(`${input.snapshotPath} on ${read.destination.startBranch ?? read.destination.branch} held ${stored.period}, not ${input.period}: it is replaced, and its delivery record does not count for ${input.period}`);
  const chatStored = new Map((input.chats ?? []).map((channel) => [channel, storedChat(storedText, input.period, channel)] as const));
  const unreadable = [...chatStored].filter(([, found]) => found.kind === 'malformed').map(([channel]) => channel);
  // One unreadable record stops every delivery of the period (without --resend): sending another
  // would rewrite the file, and the unreadable record (which might say `sent`) would be lost.
  const blockAll = !input.resend && (stored.kind === 'malformed' || unreadable.length > 0);
  const blockedWhy = `the delivery records in ${input.snapshotPath} cannot be read (${[...(stored.kind === 'malformed' ? ['email'] : []), ...unreadable].join(', ')}), so nothing is sent: a sent record might be among them`;
  const blockedFix = 'Correct or remove the unreadable publication records in the snapshot file named above (state is one of pending, sent, failed, unknown), then re-run; or re-run with --resend to send regardless.';
  let email = input.messageId === undefined ? undefined : decideEmail(stored, { resend: input.resend, messageId: input.messageId });
  if (email && blockAll && stored.kind !== 'malformed') email = { send: false, outcome: 'blocked', why: blockedWhy, fix: blockedFix };
  const pending: EmailDelivery | undefined = email?.send && input.messageId !== undefined ? { state: 'pending', message_id: input.messageId, attempted_at: input.attemptedAt, attempt: input.attempt, accepted: [], rejected: [] } : undefined;
  const prior = stored.kind === 'record' ? stored.record : undefined;
  // Each chat channel: the same decision on its own record, a pending mark when it is posted.
  const chats: Partial<Record<ChatChannel, ChatDecision>> = {};
  const chatRecords: Partial<Record<ChatChannel, ChatDelivery>> = {};
  for (const [channel, found] of chatStored) {
    const decision: ChatDecision = blockAll ? { post: false, outcome: 'blocked', why: blockedWhy, fix: blockedFix } : decideChat(channel, found, input.resend);
    chats[channel] = decision;
    const record = decision.post ? { state: 'pending' as const, attempted_at: input.attemptedAt, attempt: input.attempt } : found.kind === 'record' ? found.record : undefined;
    if (record) chatRecords[channel] = record;
  }
  // Records of channels not configured now are carried over as they are.
  const publication: Publication = { ...storedOthers(storedText, input.period, input.chats ?? []), ...((pending ?? prior) ? { email: pending ?? prior } : {}), ...chatRecords };
  // Unreadable records are kept as they are (the run stops before sending anything).
  const snapshotText = blockAll && storedText !== undefined ? storedText : snapshotFileText(input.snapshot, publication);

  const pageKept = read.newestPeriod !== undefined && read.newestPeriod > input.period;
  if (pageKept) notes.push(`${read.newestPeriod} is already published: the page and the PI data keep showing it; only the history of ${input.period} (${input.snapshotPath}) is updated`);
  const stamp = (f: HandbookFile): HandbookFile => {
    if (typeof f.content !== 'string') return f;
    if (f.path === input.pagePath) return { ...f, content: stampPage(f.content) };
    if (f.path === input.piDataPath) return { ...f, content: stampData(f.content) };
    return f;
  };
  const report = pageKept ? [] : input.files.map(stamp);
  const files: HandbookFile[] = [...report, { path: input.snapshotPath, content: snapshotText }];
  const { actions, expected } = actionsFor(files, read.files);
  return {
    destination: read.destination,
    actions,
    message: `${input.title}: ${input.period}\n\nGenerated by ${input.generator}. Edit goals.yml, not the generated files.`,
    expected,
    email,
    pending,
    chats,
    publication,
    pageKept,
    notes,
  };
}

export interface PiDataPlanInput {
  period: string;
  title: string;
  generator: string;
  /** The PI data file at its path in its own project (unstamped). */
  file: HandbookFile;
  /** The handbook keeps showing a newer month: the PI data stays as it is too. */
  kept: boolean;
}

/**
 * The PI data's own commit when it lives in another project than the handbook
 * (publish.handbook.pi_data_target): from one read of that project's branch, the stamped file
 * with that read's last_commit_id, or nothing when it already holds these bytes — so a re-run after
 * a failure commits only what is still missing, per project.
 */
export function planPiData(read: BranchRead, input: PiDataPlanInput): Pick<PublishPlan, 'destination' | 'actions' | 'message' | 'expected'> {
  const file = typeof input.file.content === 'string' ? { ...input.file, content: stampData(input.file.content) } : input.file;
  const { actions, expected } = input.kept ? { actions: [], expected: new Map<string, Buffer>() } : actionsFor([file], read.files);
  return {
    destination: read.destination,
    actions,
    message: `${input.title}: ${input.period} (performance-indicator data)\n\nGenerated by ${input.generator}. Edit goals.yml, not the generated files.`,
    expected,
  };
}

/** Chat records of channels not configured in this run (kept as they are), from the stored file of this period. */
function storedOthers(text: string | undefined, period: string, configured: readonly ChatChannel[]): Partial<Record<ChatChannel, ChatDelivery>> {
  const out: Partial<Record<ChatChannel, ChatDelivery>> = {};
  for (const channel of ['slack', 'teams'] as const) {
    if (configured.includes(channel)) continue;
    const found = storedChat(text, period, channel);
    if (found.kind === 'record') out[channel] = found.record;
  }
  return out;
}

/** The second commit: the delivery's result in place of the pending mark, on the read just made. */
export function planDeliveryRecord(
  read: ReadonlyMap<string, StoredFile | undefined>,
  input: Pick<PlanInput, 'snapshot' | 'snapshotPath' | 'title' | 'period' | 'generator'>,
  publication: Publication,
): { actions: CommitAction[]; expected: Map<string, Buffer>; message: string } {
  const file = { path: input.snapshotPath, content: snapshotFileText(input.snapshot, publication) };
  const states = [...(publication.email ? [`email ${publication.email.state}`] : []), ...(['slack', 'teams'] as const).flatMap((c) => (publication[c] ? [`${c} ${publication[c].state}`] : []))];
  return { ...actionsFor([file], read), message: `${input.title}: ${input.period} — ${states.join(', ')}\n\nRecorded by ${input.generator}.` };
}

export type CommitVerdict = { kind: 'landed' } | { kind: 'stale'; changed: string[] } | { kind: 'unchanged' };

/**
 * After a commit that did not answer clearly (an error status, a timeout, a body that is not a
 * commit): what is on the branch now decides. Every planned file holds the planned bytes → the
 * commit landed. A file the plan was based on changed (another last_commit_id, appeared,
 * vanished) → stale: read again and plan again. Nothing changed → the error stands.
 */
export function commitVerdict(before: ReadonlyMap<string, StoredFile | undefined>, expected: ReadonlyMap<string, Buffer>, after: ReadonlyMap<string, StoredFile | undefined>): CommitVerdict {
  if (expected.size > 0 && [...expected].every(([path, bytes]) => after.get(path)?.content.equals(bytes))) return { kind: 'landed' };
  const changed = [...expected.keys()].filter((path) => {
    const b = before.get(path);
    const a = after.get(path);
    return (b === undefined) !== (a === undefined) || (a !== undefined && b !== undefined && a.lastCommitId !== b.lastCommitId);
  });
  return changed.length ? { kind: 'stale', changed } : { kind: 'unchanged' };
}
