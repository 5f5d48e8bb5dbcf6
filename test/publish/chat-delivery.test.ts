// "Never post twice" for the chat channels, as tables: the stored record of a channel × --resend →
// post or not (decideChat, the email's rules), and the plan's decision over a whole snapshot file
// (one unreadable record of any channel stops every delivery, so none is lost by a rewrite).
import { describe, expect, it } from 'vitest';
import { decideChat, storedChat } from '../../src/publish/chat/delivery.ts';
import { planPublication, type StoredFile } from '../../src/publish/plan.ts';
import { snapshotFileText } from '../../src/publish/record.ts';
import { snapshotFor } from './harness.ts';

const file = (period: string, publication?: unknown) => JSON.stringify({ schema_version: 1, period, metrics: {}, ...(publication === undefined ? {} : { publication }) });
const rec = (state: string, extra: Record<string, unknown> = {}) => ({ state, attempted_at: '2026-11-02T06:00:00.000Z', ...extra });

describe('decideChat', () => {
  it.each([
    // name                                   stored file                                                resend post   outcome
    ['no file', undefined, false, true, undefined],
    ['a snapshot without a record', file('2026-10'), false, true, undefined],
    ['only the email recorded', file('2026-10', { email: { state: 'sent' } }), false, true, undefined],
    ['sent', file('2026-10', { slack: rec('sent', { sent_at: '2026-11-02T06:00:01.000Z' }) }), false, false, 'already-sent'],
    ['sent, --resend', file('2026-10', { slack: rec('sent') }), true, true, undefined],
    ['failed (a 4xx: nothing was posted)', file('2026-10', { slack: rec('failed', { error: '410 channel_is_archived' }) }), false, true, undefined],
    ['pending (a run stopped while posting)', file('2026-10', { slack: rec('pending') }), false, false, 'unknown'],
    ['pending, --resend', file('2026-10', { slack: rec('pending') }), true, true, undefined],
    ['unknown (a 5xx or timeout)', file('2026-10', { slack: rec('unknown', { error: '500 rollup_error' }) }), false, false, 'unknown'],
    ['unknown, --resend', file('2026-10', { slack: rec('unknown') }), true, true, undefined],
    ['another month holding sent', file('2026-09', { slack: rec('sent') }), false, true, undefined],
    ['a record with an unknown state', file('2026-10', { slack: rec('delivered') }), false, false, 'blocked'],
    ['a record without attempted_at', file('2026-10', { slack: { state: 'sent' } }), false, false, 'blocked'],
    ['not JSON', '{ "period": "2026-10", "publication": {', false, false, 'blocked'],
    ['malformed, --resend', file('2026-10', { slack: { state: 3 } }), true, true, undefined],
  ])('%s', (_name, text, resend, post, outcome) => {
    const decision = decideChat('slack', storedChat(text, '2026-10', 'slack'), resend);
    expect(decision.post).toBe(post);
    if (!decision.post) expect(decision.outcome).toBe(outcome);
  });

  it('each channel reads only its own record', () => {
    const text = file('2026-10', { slack: rec('sent'), teams: rec('failed') });
    expect(decideChat('slack', storedChat(text, '2026-10', 'slack'), false)).toMatchObject({ post: false, outcome: 'already-sent' });
    expect(decideChat('teams', storedChat(text, '2026-10', 'teams'), false)).toMatchObject({ post: true });
  });
});

const SNAP = 'data/pulse/2026-10.json';
const ID = '<community-pulse.2026-10.0123456789abcdef@example.com>';
const snapshot = snapshotFor('2026-10', 182);
const base = { period: '2026-10', title: 'KPIs', generator: 'test', snapshot, files: [], pagePath: 'p.md', snapshotPath: SNAP, resend: false, attemptedAt: '2026-11-02T06:00:00.000Z', attempt: 'run-a' };
const read = (text: string | undefined) => ({ destination: { branch: 'main', viaMergeRequest: false }, files: new Map<string, StoredFile | undefined>([[SNAP, text === undefined ? undefined : { content: Buffer.from(text), lastCommitId: 'c0ffee' }]]) });
const email = (state: string) => ({ state, message_id: ID, attempted_at: 'x', accepted: [], rejected: [] });

describe('planPublication with chat channels', () => {
  it.each([
    // name, stored publication, resend, email?, expected: email send, slack post, teams post
    ['first run: everything goes, each with a pending mark', undefined, false, true, [true, true, true]],
    ['email sent, chats never posted (added later)', { email: email('sent') }, false, true, [false, true, true]],
    ['all sent', { email: email('sent'), slack: rec('sent'), teams: rec('sent') }, false, true, [false, false, false]],
    ['all sent, --resend', { email: email('sent'), slack: rec('sent'), teams: rec('sent') }, true, true, [true, true, true]],
    ['slack failed, teams unknown', { email: email('sent'), slack: rec('failed'), teams: rec('unknown') }, false, true, [false, true, false]],
    ['a malformed teams record blocks everything', { email: email('failed'), slack: rec('failed'), teams: { state: 'nope' } }, false, true, [false, false, false]],
    ['a malformed email record blocks the chats too', { email: { state: 'sent' }, slack: rec('failed') }, false, true, [false, false, false]],
    ['no email configured: only the chats', undefined, false, false, [undefined, true, true]],
  ] as const)('%s', (_name, publication, resend, withEmail, [send, slack, teams]) => {
    // Written as a hand edit would leave it: not through the record schema, so malformed records stay.
    const text = publication === undefined ? undefined : JSON.stringify({ ...(JSON.parse(snapshotFileText(snapshot, undefined)) as object), publication }, null, 2);
    const plan = planPublication(read(text), { ...base, resend, chats: ['slack', 'teams'], ...(withEmail ? { messageId: ID } : {}) });
    expect(plan.email?.send).toBe(send);
    expect(plan.chats.slack?.post).toBe(slack);
    expect(plan.chats.teams?.post).toBe(teams);
    // What is posted carries a pending mark of this run in the same commit as the report.
    for (const [channel, post] of [
      ['slack', slack],
      ['teams', teams],
    ] as const) {
      if (post) expect(plan.publication[channel]).toEqual({ state: 'pending', attempted_at: base.attemptedAt, attempt: 'run-a' });
    }
    if (plan.actions.length) {
      const written = plan.actions.find((a) => a.file_path === SNAP);
      if (text !== undefined) expect(written).toMatchObject({ action: 'update', last_commit_id: 'c0ffee' });
    }
  });

  it('an unreadable record is kept byte for byte (not rewritten away) and nothing is sent', () => {
    const text = snapshotFileText(snapshot, { email: email('sent') as never, slack: rec('sent') as never }).replace('"attempted_at": "2026-11-02T06:00:00.000Z"', '"attempted_at": 5');
    const plan = planPublication(read(text), { ...base, messageId: ID, chats: ['slack'] });
    expect(plan.chats.slack).toMatchObject({ post: false, outcome: 'blocked', why: expect.stringContaining('slack') });
    expect(plan.actions.find((a) => a.file_path === SNAP)).toBeUndefined();
  });

  it('records of a channel no longer configured are carried over', () => {
    const text = snapshotFileText(snapshot, { teams: rec('sent') as never });
    const plan = planPublication(read(text), { ...base, messageId: ID, chats: ['slack'] });
    expect(plan.publication.teams).toEqual(rec('sent'));
  });
});
