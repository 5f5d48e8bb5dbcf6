// "Never email twice" as a table: the stored delivery record (as one read of the snapshot file
// holds it) × --resend → send or not. Pure: no server, no clock.
import { describe, expect, it } from 'vitest';
import { decideEmail, storedDelivery } from '../../src/publish/delivery.ts';

const ID = '<community-pulse.2026-10.0123456789abcdef@example.com>';
const file = (period: string, email?: unknown) => JSON.stringify({ schema_version: 1, period, metrics: {}, ...(email === undefined ? {} : { publication: { email } }) });
const record = (state: string, extra: Record<string, unknown> = {}) => ({ state, message_id: ID, attempted_at: '2026-11-02T06:00:00.000Z', accepted: [], rejected: [], ...extra });

describe('decideEmail', () => {
  it.each([
    // stored file                                        resend  send   outcome
    ['no file', undefined, false, true, undefined],
    ['a snapshot without a record', file('2026-10'), false, true, undefined],
    ['sent', file('2026-10', record('sent', { sent_at: '2026-11-02T06:00:01.000Z' })), false, false, 'already-sent'],
    ['sent, --resend', file('2026-10', record('sent')), true, true, undefined],
    ['failed', file('2026-10', record('failed', { error: 'ESOCKET: refused' })), false, true, undefined],
    ['pending', file('2026-10', record('pending')), false, false, 'unknown'],
    ['pending, --resend', file('2026-10', record('pending')), true, true, undefined],
    ['unknown (no final reply to DATA)', file('2026-10', record('unknown', { error: 'ETIMEDOUT: Timeout' })), false, false, 'unknown'],
    ['unknown, --resend', file('2026-10', record('unknown')), true, true, undefined],
    ['another month holding sent', file('2026-09', record('sent')), false, true, undefined],
    ['another month holding pending', file('2026-09', record('pending')), false, true, undefined],
    ['sent with a malformed field', file('2026-10', record('sent', { accepted: 'lead@example.com' })), false, false, 'blocked'],
    ['a record with an unknown state', file('2026-10', record('delivered')), false, false, 'blocked'],
    ['a record without message_id', file('2026-10', { state: 'sent', attempted_at: 'x' }), false, false, 'blocked'],
    ['publication that is not an object', JSON.stringify({ period: '2026-10', publication: 'sent' }), false, false, 'blocked'],
    ['not JSON', '{ "period": "2026-10", "publication": { "email": { "state": "sent"', false, false, 'blocked'],
    ['malformed, --resend', file('2026-10', record('sent', { accepted: 3 })), true, true, undefined],
  ])('%s', (_name, text, resend, send, outcome) => {
    const decision = decideEmail(storedDelivery(text, '2026-10'), { resend, messageId: ID });
    expect(decision.send).toBe(send);
    if (!decision.send) expect(decision.outcome).toBe(outcome);
  });

  it('names the malformed field and how to fix it', () => {
    const decision = decideEmail(storedDelivery(file('2026-10', record('sent', { accepted: 'lead@example.com' })), '2026-10'), { resend: false, messageId: ID });
    expect(decision).toMatchObject({ send: false, outcome: 'blocked', why: expect.stringContaining('publication.email.accepted'), fix: expect.stringContaining('--resend') });
  });

  it('a file of another month does not count for this one', () => {
    expect(storedDelivery(file('2026-09', record('sent')), '2026-10')).toEqual({ kind: 'other-period', period: '2026-09' });
  });
});
