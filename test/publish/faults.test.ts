// Publishing under faults, in-process against the fake handbook repository and the real SMTP
// server fake: lost commit answers, stale reads in any wording, damaged answers, delivery records
// that are not this month's or not readable, a slow SMTP server, long merge-request lists.
import { afterEach, describe, expect, it } from 'vitest';
import { HandbookApi } from '../../src/publish/handbook/api.ts';
import { HandbookHistory } from '../../src/publish/handbook/history.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { DATA_DIR, GITLAB, handbookHarness, type Harness, PAGE, PI_DATA, PROJECT, snapshotFor, TOKEN } from './harness.ts';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import { commitAs } from '@community-pulse/demo/fakes/gitlab-repo/index';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SNAPSHOT = `${DATA_DIR}/2026-10.json`;
const record = (hh: Harness, branch = 'main') => JSON.parse(hh.mainFile(SNAPSHOT, branch) ?? '{}') as { period?: string; publication?: { email?: { state: string; message_id: string; error?: string } } };
const commitsOf = (hh: Harness) => hh.fake.commits[PROJECT]!.slice(1);

describe('a commit whose answer was lost (19.5)', () => {
  it.each([
    ['a 502 after GitLab applied it', 'bad-gateway' as const],
    ['a body that is not a commit', 'unparsable' as const],
  ])('%s: reads the branch back, sees its own commit, sends once and records it', async (_name, mode) => {
    h = await handbookHarness();
    h.fake.loseNextCommitAnswer = mode;
    const { outcome, log } = await h.publish('2026-10', 182);
    expect(outcome.failures.map((f) => f.message)).toEqual([]);
    expect(log.some((l) => l.includes('was lost') && l.includes('holds exactly what it committed'))).toBe(true);
    expect(h.smtp.messages).toHaveLength(1);
    expect(record(h).publication?.email?.state).toBe('sent');
    // One report commit, one delivery record: the lost answer did not make a second report commit.
    expect(commitsOf(h).map((c) => (c.files.length > 1 ? 'report' : 'record'))).toEqual(['report', 'record']);

    const again = await h.publish('2026-10', 182);
    expect(again.outcome.failures).toEqual([]);
    expect(h.smtp.messages).toHaveLength(1);
  });
});

describe('a stale last_commit_id, whatever GitLab calls it (17.9)', () => {
  it.each([
    ['GitLab today', 'You are attempting to update a file that has changed since you started editing it.'],
    ['an older wording', 'The file has changed since you started editing it: data/x.json'],
    ['a wording nobody has seen yet', 'Conflict: the blob you based this on is outdated'],
  ])('%s: the refusal is recognised by reading the files again, and the commit is retried', async (_name, wording) => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    const hh = h;
    hh.fake.staleMessage = wording;
    hh.fake.beforeNextCommit = () => {
      // Another writer changes a file this commit also writes (the snapshot; a change to the page or
      // the PI data would be a hand edit, which goes to a merge request).
      hh.fake.projects[PROJECT]!.branches.main![SNAPSHOT] = hh.mainFile(SNAPSHOT)!.replace('"generator"', '"note": "touched by another job",\n  "generator"');
      hh.fake.lastCommits[PROJECT]!.main![SNAPSHOT] = 'f'.repeat(40);
    };
    const { outcome, log } = await h.publish('2026-10', 190);
    expect(outcome.failures).toEqual([]);
    expect(log.some((l) => l.startsWith('warning: handbook: main changed while this run was writing') && l.includes(wording))).toBe(true);
    expect(h.mainFile(PI_DATA)).toContain('value: 190');
  });

  it('a refusal with nothing changed on the branch stands: not retried, nothing sent', async () => {
    h = await handbookHarness({ protectedMain: true, token: { accessLevel: 30 } });
    const { outcome } = await h.publish('2026-10', 182);
    expect(outcome.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^handbook: the report was not committed: .*403/)]);
    expect(h.fake.requests.filter((r) => r.api === 'commits')).toHaveLength(1);
    expect(h.smtp.messages).toEqual([]);
  });
});

describe('delivery records (19.8, 19.9)', () => {
  it("a snapshot file holding another month's data (sent) neither suppresses this month's email nor is copied", async () => {
    h = await handbookHarness();
    const september = JSON.parse(serializeSnapshot(snapshotFor('2026-09', 150))) as object;
    h.fake.projects[PROJECT]!.branches.main![SNAPSHOT] =
      `${JSON.stringify({ ...september, publication: { email: { state: 'sent', message_id: '<x@example.com>', attempted_at: '2026-10-02T06:00:00.000Z', accepted: ['lead@example.com'], rejected: [] } } }, null, 2)}\n`;
    const { outcome, log } = await h.publish('2026-10', 182);
    expect(outcome.failures).toEqual([]);
    expect(log.some((l) => l.startsWith(`warning: handbook: ${SNAPSHOT} on main held 2026-09, not 2026-10`))).toBe(true);
    expect(h.smtp.messages).toHaveLength(1);
    expect(record(h).period).toBe('2026-10');
    expect(record(h).publication?.email?.message_id).not.toBe('<x@example.com>');
  });

  it('a sent record with one malformed field stops the send with an error naming the field', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    h.fake.projects[PROJECT]!.branches.main![SNAPSHOT] = h.mainFile(SNAPSHOT)!.replace(/"accepted": \[[^\]]*\]/, '"accepted": "lead@example.com"');
    const { outcome } = await h.publish('2026-10', 182);
    expect(outcome.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(new RegExp(`^email: ${SNAPSHOT} on main: the stored delivery record cannot be read \\(publication\\.email\\.accepted: .*\\), so whether the email went out is unknown and it is not sent$`)),
    ]);
    expect(outcome.email?.state).toBe('blocked');
    expect(h.smtp.messages).toHaveLength(1);
    // The record is left as it is for a person to fix.
    expect(h.mainFile(SNAPSHOT)).toContain('"accepted": "lead@example.com"');
  });
});

describe('damaged answers (19.7)', () => {
  it('content that is not valid base64 is a bad answer, never a file with other bytes', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    const { client, masker } = testClient();
    masker.add(TOKEN);
    const api = new HandbookApi({ http: client, url: GITLAB, project: PROJECT, token: TOKEN, tokenEnv: 'PULSE_HANDBOOK_TOKEN' });
    h.fake.corruptNextFileAnswer = true;
    await expect(api.readFile(PAGE, 'main')).rejects.toMatchObject({ code: 'EBADRESPONSE', message: expect.stringContaining('not valid base64') });
    expect((await api.readFile(PAGE, 'main'))?.content.toString('utf8')).toBe(h.mainFile(PAGE));
  });
});

describe('the open merge requests of the handbook (17.6)', () => {
  it('are read past the first page: a month on an MR branch behind 150 other open MRs is found', async () => {
    h = await handbookHarness();
    const mr = (iid: number, source: string) => ({ id: 1000 + iid, iid, project: PROJECT, title: source, description: '', state: 'opened' as const, sourceBranch: source, targetBranch: 'main', authorUsername: 'someone', notes: [] });
    h.fake.mergeRequests.push(mr(1, 'community-pulse/2026-09'));
    for (let i = 2; i <= 151; i++) h.fake.mergeRequests.push(mr(i, `docs/fix-${i}`));
    const { client, log } = testClient();
    const api = new HandbookApi({ http: client, url: GITLAB, project: PROJECT, token: TOKEN, tokenEnv: 'PULSE_HANDBOOK_TOKEN' });
    const history = new HandbookHistory({ http: client, api, url: GITLAB, project: PROJECT, branch: 'main', dataDir: DATA_DIR, token: TOKEN, tokenEnv: 'PULSE_HANDBOOK_TOKEN', log });
    expect(await history.openBranches()).toEqual(['community-pulse/2026-09']);
    expect(h.fake.requests.filter((r) => r.api === 'merge-requests')).toHaveLength(2);
  });
});

describe('a slow SMTP server (19.6)', () => {
  it('stored the message but answered DATA after the wait: recorded unknown (not failed), not sent again without --resend', async () => {
    h = await handbookHarness();
    // The wait is configurable (default 10 minutes, RFC 5321 §4.5.3.2.6); here half a second.
    const env = { ...h.env, PULSE_SMTP_REPLY_TIMEOUT_SECONDS: '0.5' };
    h.smtp.behaviour.dataReplyDelayMs = 1500;
    const first = await h.publish('2026-10', 182, { env });
    expect(first.outcome.email?.state).toBe('unknown');
    expect(first.outcome.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^email: no final answer from 127\.0\.0\.1:\d+ after the message was sent \(ETIMEDOUT .*\); it may have been delivered/)]);
    expect(h.smtp.messages).toHaveLength(1);
    expect(record(h).publication?.email).toMatchObject({ state: 'unknown', error: expect.stringContaining('ETIMEDOUT') });

    h.smtp.behaviour.dataReplyDelayMs = 0;
    const again = await h.publish('2026-10', 182, { env });
    expect(again.outcome.failures.map((f) => f.message)).toEqual([expect.stringContaining('got no final answer from the SMTP server')]);
    expect(h.smtp.messages).toHaveLength(1);

    const resent = await h.publish('2026-10', 182, { env, resend: true });
    expect(resent.outcome.failures).toEqual([]);
    expect(h.smtp.messages).toHaveLength(2);
    expect(record(h).publication?.email?.state).toBe('sent');
  });
});

describe('the PI data file is guarded like the page (19.12)', () => {
  it('is stamped; a hand edit of it goes to a merge request, never overwritten silently', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    expect(h.mainFile(PI_DATA)).toMatch(/\n# community_pulse_sha256: [0-9a-f]{64}\n$/);
    commitAs(h.fake, PROJECT, 'main', { [PI_DATA]: h.mainFile(PI_DATA)!.replace('value: 182', 'value: 200') }, { name: 'Pat Analyst', email: 'pat@example.com', title: 'Correct the contributors count' });
    const { outcome, log } = await h.publish('2026-10', 183);
    expect(outcome.failures).toEqual([]);
    expect(log.some((l) => l.startsWith(`warning: handbook: ${PI_DATA} on main was edited by hand since community-pulse wrote it`) && l.includes('by Pat Analyst <pat@example.com>'))).toBe(true);
    expect(h.mainFile(PI_DATA)).toContain('value: 200');
    expect(h.mainFile(PI_DATA, 'community-pulse/2026-10')).toContain('value: 183');
    expect(outcome.mergeRequest).toBeDefined();
  });

  it('a PI data file the job never wrote is not replaced: merge request', async () => {
    h = await handbookHarness();
    commitAs(h.fake, PROJECT, 'main', { [PI_DATA]: '- name: Contributors\n  value: 1\n' }, { name: 'Pat Analyst', email: 'pat@example.com' });
    const { outcome, log } = await h.publish('2026-10', 182);
    expect(log.some((l) => l.startsWith(`warning: handbook: ${PI_DATA} on main was not written by community-pulse`))).toBe(true);
    expect(h.mainFile(PI_DATA)).toBe('- name: Contributors\n  value: 1\n');
    expect(outcome.mergeRequest).toBeDefined();
  });
});

describe('an older month after a newer one (19.10)', () => {
  it('updates only the older month’s history; the page keeps showing the newest month, and the log says so', async () => {
    h = await handbookHarness();
    await h.publish('2026-10', 182);
    const page = h.mainFile(PAGE);
    const { outcome, log } = await h.publish('2026-09', 150);
    expect(outcome.failures).toEqual([]);
    expect(h.mainFile(PAGE)).toBe(page);
    expect(h.mainFile(PI_DATA)).toContain('value: 182');
    expect(JSON.parse(h.mainFile(`${DATA_DIR}/2026-09.json`)!)).toMatchObject({ period: '2026-09' });
    expect(log).toContain(`warning: handbook: 2026-10 is already published: the page and the PI data keep showing it; only the history of 2026-09 (${DATA_DIR}/2026-09.json) is updated`);
    expect(commitsOf(h).at(-2)!.files).toEqual([`${DATA_DIR}/2026-09.json`]);
  });
});
