// The plan is pure: one read of the branch and the options in, the commit and the email decision
// out. These cases pin the compare-and-swap (the snapshot action carries the same read's
// last_commit_id) and the verdict after an unclear commit answer.
import { describe, expect, it } from 'vitest';
import { commitVerdict, planPublication, type StoredFile } from '../../src/publish/plan.ts';
import { snapshotFileText } from '../../src/publish/record.ts';
import { snapshotFor } from './harness.ts';

const SNAP = 'data/pulse/2026-10.json';
const PAGE = 'content/kpi/_index.md';
const ID = '<community-pulse.2026-10.0123456789abcdef@example.com>';
const input = {
  period: '2026-10',
  title: 'KPIs',
  generator: 'test',
  snapshot: snapshotFor('2026-10', 182),
  files: [{ path: PAGE, content: '---\ntitle: KPIs\n---\nbody\n' }],
  pagePath: PAGE,
  snapshotPath: SNAP,
  messageId: ID,
  resend: false,
  attemptedAt: '2026-11-02T06:00:00.000Z',
  attempt: 'run-a',
};
const stored = (content: string, lastCommitId: string): StoredFile => ({ content: Buffer.from(content), lastCommitId });

describe('planPublication', () => {
  it('no snapshot yet: the snapshot is created (a create fails if another run created it first) with the pending mark', () => {
    const plan = planPublication(
      {
        destination: { branch: 'main', viaMergeRequest: false },
        files: new Map([
          [SNAP, undefined],
          [PAGE, undefined],
        ]),
      },
      input,
    );
    expect(plan.email).toMatchObject({ send: true });
    expect(plan.pending).toMatchObject({ state: 'pending', message_id: ID, attempt: 'run-a' });
    expect(plan.actions.find((a) => a.file_path === SNAP)).toMatchObject({ action: 'create' });
  });

  it('a stored snapshot: the decision and the update come from the same read (its last_commit_id)', () => {
    const failed = snapshotFileText(input.snapshot, { email: { state: 'failed', message_id: ID, attempted_at: 'x', accepted: [], rejected: [], error: 'ESOCKET: down' } });
    const plan = planPublication(
      {
        destination: { branch: 'main', viaMergeRequest: false },
        files: new Map([
          [SNAP, stored(failed, 'c0ffee')],
          [PAGE, undefined],
        ]),
      },
      input,
    );
    expect(plan.email).toMatchObject({ send: true });
    expect(plan.actions.find((a) => a.file_path === SNAP)).toMatchObject({ action: 'update', last_commit_id: 'c0ffee' });
  });

  it('already sent and nothing else changed: no actions, no email', () => {
    const sent = snapshotFileText(input.snapshot, { email: { state: 'sent', message_id: ID, attempted_at: 'x', accepted: ['a@example.com'], rejected: [] } });
    const first = planPublication(
      {
        destination: { branch: 'main', viaMergeRequest: false },
        files: new Map([
          [SNAP, stored(sent, 'c1')],
          [PAGE, undefined],
        ]),
      },
      input,
    );
    const page = first.expected.get(PAGE)!;
    const again = planPublication(
      {
        destination: { branch: 'main', viaMergeRequest: false },
        files: new Map([
          [SNAP, stored(sent, 'c1')],
          [PAGE, { content: page, lastCommitId: 'c2' }],
        ]),
      },
      input,
    );
    expect(again.actions).toEqual([]);
    expect(again.email).toMatchObject({ send: false, outcome: 'already-sent' });
  });
});

describe('commitVerdict', () => {
  const before = new Map([[SNAP, stored('old', 'c1')]]);
  const expected = new Map([[SNAP, Buffer.from('new')]]);
  it.each([
    ['the planned bytes are there: landed', new Map([[SNAP, stored('new', 'c9')]]), 'landed'],
    ['another commit changed the file: stale', new Map([[SNAP, stored('other', 'c5')]]), 'stale'],
    ['the file vanished: stale', new Map([[SNAP, undefined]]), 'stale'],
    ['nothing moved: the error stands', new Map([[SNAP, stored('old', 'c1')]]), 'unchanged'],
  ] as const)('%s', (_name, after, kind) => {
    expect(commitVerdict(before, expected, after).kind).toBe(kind);
  });
});
