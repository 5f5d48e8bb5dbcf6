// Publishing one period against the fake handbook repository and a real SMTP server, in-process:
// the atomic commit, the email by cid, sent once, hand edits, stale reads, SMTP failures.
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '@community-pulse/demo/fakes/smtp/index';
import { DATA_DIR, handbookHarness, type Harness, PAGE, PI_DATA, PNG, PROJECT, SMTP_PASSWORD, TOKEN } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SNAPSHOT = `${DATA_DIR}/2026-10.json`;
const record = (hh: Harness, branch = 'main') => JSON.parse(hh.mainFile(SNAPSHOT, branch) ?? '{}') as { period?: string; publication?: { email?: { state: string; message_id: string; accepted: string[]; rejected: string[]; error?: string } } };
const commitsOf = (hh: Harness) => hh.fake.commits[PROJECT]!.slice(1);
function noSecrets(hh: Harness, log: string[]) {
  const everything = [
    log.join('\n'),
    ...hh.smtp.messages.map((m) => m.raw.toString('utf8')),
    ...Object.values(hh.fake.projects[PROJECT]!.branches).flatMap((b) => Object.values(b).map((c) => (typeof c === 'string' ? c : ''))),
    JSON.stringify(hh.fake.mergeRequests),
  ].join('\n');
  for (const secret of [TOKEN, SMTP_PASSWORD]) expect(everything).not.toContain(secret);
}

describe('publishing a period', () => {
  it('commits page, PI data, chart and snapshot at once, sends the email, then records the delivery', async () => {
    h = await handbookHarness();
    const { outcome, log } = await h.publish('2026-10', 182);
    expect(outcome.failures).toEqual([]);
    const [report, delivery] = commitsOf(h);
    expect(commitsOf(h)).toHaveLength(2);
    expect(report!.files.sort()).toEqual([PAGE, `content/handbook/devrel/performance-indicators/charts/contributors.png`, PI_DATA, SNAPSHOT].sort());
    expect(report!.title).toBe('DevRel KPIs: 2026-10');
    expect(delivery!.files).toEqual([SNAPSHOT]);
    expect(h.mainFile(PAGE)).toMatch(/^---\ntitle: Developer Relations KPIs\ncommunity_pulse_sha256: "[0-9a-f]{64}"\n---\n/);
    expect(Buffer.from(h.fake.projects[PROJECT]!.branches.main![`content/handbook/devrel/performance-indicators/charts/contributors.png`] as Uint8Array)).toEqual(Buffer.from(PNG));
    const stored = record(h);
    expect(stored.period).toBe('2026-10');
    expect(stored.publication?.email).toMatchObject({ state: 'sent', accepted: ['lead@example.com', 'vp@example.com', 'team@example.com'], rejected: [] });

    expect(h.smtp.messages).toHaveLength(1);
    expect(h.smtp.messages[0]!.to).toEqual(['lead@example.com', 'vp@example.com', 'team@example.com']);
    const mail = await h.parsed(0);
    expect(mail.messageId).toBe(stored.publication?.email?.message_id);
    expect(mail.messageId).toMatch(/^<community-pulse\.2026-10\.[0-9a-f]{16}@example\.com>$/);
    expect(h.smtp.messages[0]!.raw.toString('utf8')).toMatch(/(?:^|\r\n)List-Id: Developer Relations monthly report\r\n <developer-relations\.community-pulse\.example\.com>\r\n/i);
    expect(mail.replyTo?.text).toBe('devrel@example.com');
    expect(mail.subject).toBe('DevRel KPIs — 2026-10');
    expect(mail.text?.trim()).toBe('Contributors: 182');
    expect(mail.html).toContain('src="cid:contributors.png"');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ cid: 'contributors.png', contentType: 'image/png', contentDisposition: 'inline' });
    expect(Buffer.from(mail.attachments[0]!.content)).toEqual(Buffer.from(PNG));
    expect(log).toContain('handbook: committed 4 files to main: ' + report!.id.replace(/^/, `${'https://gitlab.handbook.test'}/${PROJECT}/-/commit/`));
    noSecrets(h, log);
  });

  it('commits nothing and sends nothing when the same period is published again; --resend sends once more', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    const again = await h.publish('2026-10', 182);
    expect(again.outcome.failures).toEqual([]);
    expect(commitsOf(h)).toHaveLength(2);
    expect(h.smtp.messages).toHaveLength(1);
    expect(again.log).toContain('handbook: nothing changed on main; no commit');
    expect(again.log.some((l) => /^email: already sent at .* --resend sends it again$/.test(l))).toBe(true);
    expect(again.outcome.email?.state).toBe('already-sent');

    const resent = await h.publish('2026-10', 182, { resend: true });
    expect(resent.outcome.failures).toEqual([]);
    expect(h.smtp.messages).toHaveLength(2);
    expect((await h.parsed(1)).messageId).toBe((await h.parsed(0)).messageId);
    expect(commitsOf(h).map((c) => c.files)).toEqual([expect.any(Array), [SNAPSHOT], [SNAPSHOT], [SNAPSHOT]]);
    expect(record(h).publication?.email?.state).toBe('sent');
  });

  it('re-reads and retries once when the file changed between read and commit (stale last_commit_id)', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    const hh = h;
    hh.fake.beforeNextCommit = () => {
      // Another writer changes a file this commit also writes (the snapshot; a change to the page or
      // the PI data would be a hand edit, which goes to a merge request).
      hh.fake.projects[PROJECT]!.branches.main![SNAPSHOT] = hh.mainFile(SNAPSHOT)!.replace('"generator"', '"note": "touched by another job",\n  "generator"');
      hh.fake.lastCommits[PROJECT]!.main![SNAPSHOT] = 'f'.repeat(40);
    };
    const { outcome, log } = await h.publish('2026-10', 190);
    expect(outcome.failures).toEqual([]);
    expect(log.some((l) => l.startsWith('warning: handbook: main changed while this run was writing') && l.includes('You are attempting to update a file that has changed since you started editing it.'))).toBe(true);
    expect(h.mainFile(PI_DATA)).toContain('value: 190');
    expect(h.mainFile(PAGE)).toContain('Contributors: 190');
    // First run: report + delivery record. Second: the refused commit, then the retried one.
    expect(h.fake.requests.filter((r) => r.api === 'commits')).toHaveLength(4);
    expect(h.smtp.messages).toHaveLength(1);
  });

  it('does not overwrite a hand edit that lands between its read and its commit: the retry sees it and opens a merge request', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    const hh = h;
    hh.fake.beforeNextCommit = () => hh.editPage('---\ntitle: Developer Relations KPIs\n---\n\nEdited by hand.\n', 'Riley Racer');
    const { outcome, log } = await h.publish('2026-10', 190);
    expect(outcome.failures).toEqual([]);
    expect(h.mainFile(PAGE)).toContain('Edited by hand.');
    expect(log.some((l) => l.startsWith(`warning: handbook: ${PAGE} on main was not written by community-pulse`) && l.includes('by Riley Racer <sam@example.com>'))).toBe(true);
    expect(outcome.branch).toBe('community-pulse/2026-10');
    expect(h.mainFile(PAGE, 'community-pulse/2026-10')).toContain('Contributors: 190');
    expect(h.fake.mergeRequests).toHaveLength(1);
    expect(h.fake.mergeRequests[0]).toMatchObject({ sourceBranch: 'community-pulse/2026-10', targetBranch: 'main', state: 'opened' });
    expect(h.fake.mergeRequests[0]!.description).toContain('by Riley Racer');
  });
});

describe('hand edits', () => {
  it('names the commit and author of a hand-edited page and opens a merge request instead of overwriting (default)', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    h.editPage(h.mainFile(PAGE)!.replace('Contributors: 182', 'Contributors: 182 (a great month!)'));
    const editCommit = h.fake.commits[PROJECT]!.at(-1)!;
    const { outcome, log } = await h.publish('2026-10', 183);
    expect(outcome.failures).toEqual([]);
    expect(log).toContain(`warning: handbook: ${PAGE} on main was edited by hand since community-pulse wrote it: last commit ${editCommit.id.slice(0, 8)} "Fix a typo on the KPI page" by Sam Editor <sam@example.com>`);
    expect(h.mainFile(PAGE)).toContain('a great month!');
    expect(h.mainFile(PAGE, 'community-pulse/2026-10')).toContain('Contributors: 183');
    expect(outcome.mergeRequest?.web_url).toBe(`https://gitlab.handbook.test/${PROJECT}/-/merge_requests/1`);
    expect(h.fake.mergeRequests[0]!.description).toContain(`/-/commit/${editCommit.id}`);

    // The next run updates the same branch and MR (no second MR, no 409).
    const again = await h.publish('2026-10', 184);
    expect(again.outcome.failures).toEqual([]);
    expect(h.fake.mergeRequests).toHaveLength(1);
    expect(h.mainFile(PAGE, 'community-pulse/2026-10')).toContain('Contributors: 184');
  });

  it('overwrites with on_manual_edit: overwrite, and stops with exit-4 failure with on_manual_edit: fail', async () => {
    h = await handbookHarness({ handbook: { on_manual_edit: 'fail' } });
    await h.publish('2026-10', 182);
    h.editPage('# my own page\n');
    const failed = await h.publish('2026-10', 183);
    expect(failed.outcome.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^handbook: the report was not committed: .* was edited by hand \(commit [0-9a-f]{8} by Sam Editor <sam@example.com>\); on_manual_edit: fail/)]);
    expect(h.mainFile(PAGE)).toBe('# my own page\n');
    expect(h.smtp.messages).toHaveLength(1);
    await h.close();

    h = await handbookHarness({ handbook: { on_manual_edit: 'overwrite' } });
    await h.publish('2026-10', 182);
    h.editPage('# my own page\n');
    const over = await h.publish('2026-10', 183);
    expect(over.outcome.failures).toEqual([]);
    expect(h.mainFile(PAGE)).toContain('Contributors: 183');
    expect(h.fake.mergeRequests).toEqual([]);
  });

  it('treats an existing page without the stamp as hand-made', async () => {
    h = await handbookHarness();
    h.editPage('# The KPI page, written by hand\n');
    const { outcome, log } = await h.publish('2026-10', 182);
    expect(log.some((l) => l.includes('was not written by community-pulse'))).toBe(true);
    expect(outcome.mergeRequest).toBeDefined();
    expect(h.mainFile(PAGE)).toBe('# The KPI page, written by hand\n');
  });
});

describe('email failures', () => {
  it('SMTP down after the commit: the page stays, failure (exit 4); the re-run only sends', async () => {
    h = await handbookHarness({ smtpPort: await closedPort() });
    const first = await h.publish('2026-10', 182);
    expect(first.outcome.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^email: not sent through 127\.0\.0\.1:\d+: ESOCKET connect ECONNREFUSED/)]);
    expect(first.outcome.failures[0]!.fix).toContain('it commits nothing again and only sends the email');
    expect(h.mainFile(PAGE)).toContain('Contributors: 182');
    expect(record(h).publication?.email).toMatchObject({ state: 'failed' });

    // The server is back (same settings, now pointing at the running server).
    h.email.smtp!.port = h.smtp.port;
    const commitsBefore = commitsOf(h).length;
    const again = await h.publish('2026-10', 182);
    expect(again.outcome.failures).toEqual([]);
    expect(h.smtp.messages).toHaveLength(1);
    expect(
      commitsOf(h)
        .slice(commitsBefore)
        .map((c) => c.files),
    ).toEqual([[SNAPSHOT], [SNAPSHOT]]);
    expect(record(h).publication?.email?.state).toBe('sent');
    noSecrets(h, [...first.log, ...again.log]);
  });

  it('names the recipient the server rejects, delivers to the others, and fails (exit 4)', async () => {
    h = await handbookHarness({ smtp: { users: { 'pulse-mailer': SMTP_PASSWORD }, rejectRecipients: ['vp@example.com'] } });
    const { outcome, log } = await h.publish('2026-10', 182);
    expect(outcome.failures.map((f) => f.message)).toEqual(['email: rejected recipients: vp@example.com']);
    expect(log).toContain('warning: email: the server rejected vp@example.com');
    expect(h.smtp.messages[0]!.to).toEqual(['lead@example.com', 'team@example.com']);
    expect(record(h).publication?.email).toMatchObject({ state: 'sent', rejected: ['vp@example.com'] });
  });

  it('a delivery left pending by a stopped run is not sent again without --resend', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    const text = h.mainFile(SNAPSHOT)!.replace('"state": "sent"', '"state": "pending"');
    h.fake.projects[PROJECT]!.branches.main![SNAPSHOT] = text;
    const { outcome } = await h.publish('2026-10', 182);
    expect(outcome.failures.map((f) => f.message)).toEqual([expect.stringContaining('whether it arrived is unknown, so it is not sent again')]);
    expect(h.smtp.messages).toHaveLength(1);
  });
});
