// The job's side effects end to end: `community-pulse run` as a child process in CI mode against
// the sample world (handbook repository + real SMTP on loopback). Each case asserts the exit code,
// what exists afterwards, and that no credential appears in any log, commit, message or file.
import { afterEach, describe, expect, it } from 'vitest';
import { commitAs } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { closedPort } from '@community-pulse/demo/fakes/smtp/index';
import { HANDBOOK_PROJECT } from '@community-pulse/demo/sample-world';
import { spawnCli } from '../support/spawn-cli.ts';
import { publishWorld, type PublishWorld, secretsIn } from './harness.ts';

const PAGE = 'content/handbook/marketing/developer-relations/performance-indicators/_index.md';
const SNAPSHOT = 'data/developer_relations/pulse/2026-10.json';

let w: PublishWorld | undefined;
afterEach(async () => {
  if (w) expect(secretsIn(w.everything(), w.world)).toEqual([]);
  await w?.close();
  w = undefined;
});

const project = (p: PublishWorld) => p.world.handbook.projects[HANDBOOK_PROJECT]!;
const file = (p: PublishWorld, path: string, branch = 'main') => {
  const c = project(p).branches[branch]?.[path];
  return c === undefined ? undefined : typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
};
const jobCommits = (p: PublishWorld) => p.world.handbook.commits[HANDBOOK_PROJECT]!.slice(1);
const emailState = (p: PublishWorld, branch = 'main') => (JSON.parse(file(p, SNAPSHOT, branch) ?? '{}') as { publication?: { email?: { state: string; rejected: string[] } } }).publication?.email;

describe('publishing end to end', () => {
  it('commits the report once, sends the email once, and writes email.eml identical to what arrived (exit 0)', async () => {
    w = await publishWorld();
    const ran = await w.run();
    expect(ran.code, ran.stderr).toBe(0);
    const [report, record] = jobCommits(w);
    expect(jobCommits(w)).toHaveLength(2);
    expect(report!.files).toEqual(expect.arrayContaining([PAGE, SNAPSHOT]));
    expect(record!.files).toEqual([SNAPSHOT]);
    expect(file(w, PAGE)).toMatch(/community_pulse_sha256: "[0-9a-f]{64}"/);
    expect(emailState(w)).toMatchObject({ state: 'sent', rejected: [] });
    expect(w.world.smtp.messages).toHaveLength(1);
    expect(w.world.smtp.messages[0]!.to.sort()).toEqual(['devrel-leadership@example.com', 'devrel-team@example.com', 'marketing-leadership@example.com']);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(`${w.dir}/out/email.eml`).equals(w.world.smtp.messages[0]!.raw)).toBe(true);
    expect(ran.stderr).toMatch(/handbook: committed \d+ files to main: http:\/\/127\.0\.0\.1:\d+\/gitlab-com\/content-sites\/handbook\/-\/commit\/[0-9a-f]{40}/);
    // CI log: one collapsible section per step, a line per source, and the summary at the end.
    for (const id of ['load', 'verify', 'collect', 'render', 'publish', 'write', 'summary']) {
      expect(ran.stderr).toMatch(new RegExp(`\x1b\\[0Ksection_start:\\d+:pulse_${id}(\\[collapsed=true\\])?\r\x1b\\[0K`));
      expect(ran.stderr).toMatch(new RegExp(`\x1b\\[0Ksection_end:\\d+:pulse_${id}\r\x1b\\[0K`));
    }
    expect(ran.stderr).toMatch(/^source gitlab \(gitlab\) 2026-10: (\d+) metrics, \1 with a value$/m);
    expect(ran.stderr).toMatch(/^summary: handbook commit http:\/\/127\.0\.0\.1:\d+\/gitlab-com\/content-sites\/handbook\/-\/commit\/[0-9a-f]{40}$/m);
    expect(ran.stderr).toMatch(/^summary: email <community-pulse\.2026-10\.[0-9a-f]{16}@example\.com>: sent to devrel-leadership@example\.com, marketing-leadership@example\.com, devrel-team@example\.com$/m);
    expect(ran.stderr).toMatch(/^summary: exit 0 — done: every metric has a value$/m);

    const again = await w.run();
    expect(again.code, again.stderr).toBe(0);
    expect(jobCommits(w)).toHaveLength(2);
    expect(w.world.smtp.messages).toHaveLength(1);
    expect(again.stderr).toContain('handbook: nothing changed on main; no commit');
    expect(again.stderr).toMatch(/email: already sent at .*--resend sends it again/);

    const resent = await w.run(['--resend']);
    expect(resent.code, resent.stderr).toBe(0);
    expect(w.world.smtp.messages).toHaveLength(2);
    expect(
      jobCommits(w)
        .slice(2)
        .map((c) => c.files),
    ).toEqual([[SNAPSHOT], [SNAPSHOT]]);
  });

  it('re-reads and retries once when the snapshot changed between its read and the commit (stale last_commit_id)', async () => {
    w = await publishWorld();
    expect((await w.run()).code).toBe(0);
    const p = w;
    p.world.handbook.beforeNextCommit = () => {
      commitAs(p.world.handbook, HANDBOOK_PROJECT, 'main', { [SNAPSHOT]: file(p, SNAPSHOT)!.replace('"generator"', '"note": "touched by another job",\n  "generator"') }, { name: 'Other Job', email: 'bot@example.com' });
    };
    const ran = await w.run(['--refresh']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toContain('You are attempting to update a file that has changed since you started editing it.');
    expect(ran.stderr).toContain('reading it again and retrying once');
    expect(file(w, SNAPSHOT)).not.toContain('touched by another job');
    expect(w.world.smtp.messages).toHaveLength(1);
  });

  it('does not overwrite a hand-edited page: names the commit and author and opens a merge request (exit 0)', async () => {
    w = await publishWorld();
    expect((await w.run()).code).toBe(0);
    const edited = file(w, PAGE)!.replace(/\n## /, '\nA note someone added by hand.\n\n## ');
    const edit = commitAs(w.world.handbook, HANDBOOK_PROJECT, 'main', { [PAGE]: edited }, { name: 'Sam Editor', email: 'sam@example.com', title: 'Add a note to the KPI page' });
    const ran = await w.run();
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toContain(`was edited by hand since community-pulse wrote it: last commit ${edit.id.slice(0, 8)} "Add a note to the KPI page" by Sam Editor <sam@example.com>`);
    expect(file(w, PAGE)).toBe(edited);
    expect(w.world.handbook.mergeRequests).toMatchObject([{ sourceBranch: 'community-pulse/2026-10', targetBranch: 'main', state: 'opened' }]);
    expect(w.world.handbook.mergeRequests[0]!.description).toContain('Sam Editor');
    expect(file(w, PAGE, 'community-pulse/2026-10')).not.toContain('A note someone added by hand.');
    expect(w.world.smtp.messages).toHaveLength(1);
  });

  it('a protected branch the token cannot push to: exit 2 before anything is published, suggesting mode: merge_request', async () => {
    w = await publishWorld({ protectedBranches: ['main'], handbookToken: { accessLevel: 30 } });
    const ran = await w.run();
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('main is a protected branch');
    expect(ran.stderr).toContain('mode: merge_request');
    expect(jobCommits(w)).toEqual([]);
    expect(w.world.smtp.messages).toEqual([]);
  });

  it.each([
    ['a token without the api scope', { scopes: ['read_api'] }, 'has the scopes read_api, but committing to the handbook needs api'],
    ['a Reporter', { accessLevel: 20 as const }, 'has the Reporter role'],
  ])('%s: exit 2, nothing published', async (_name, token, says) => {
    w = await publishWorld({ handbookToken: token });
    const ran = await w.run();
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(says);
    expect(jobCommits(w)).toEqual([]);
    expect(w.world.smtp.messages).toEqual([]);
  });

  it('SMTP down before anything happened: exit 2, nothing committed', async () => {
    w = await publishWorld({ goals: [[['publish', 'email', 'smtp', 'port'], await closedPort()]] });
    const ran = await w.run();
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/SMTP 127\.0\.0\.1:\d+: ESOCKET/);
    expect(jobCommits(w)).toEqual([]);
  });

  it('SMTP rejecting one recipient: the others get it, the page stays, the recipient is named (exit 4)', async () => {
    w = await publishWorld({ smtp: { users: { 'devrel-reports': 'sample-Smtp-Passw0rd-2026' }, rejectRecipients: ['marketing-leadership@example.com'] } });
    const ran = await w.run();
    expect(ran.code).toBe(4);
    expect(ran.stderr).toContain('rejected recipients: marketing-leadership@example.com');
    expect(ran.stderr).toMatch(/^summary: failed: email: rejected recipients: marketing-leadership@example\.com$/m);
    expect(ran.stderr).toMatch(/^summary: exit 4 — publishing failed part-way/m);
    expect(w.world.smtp.messages[0]!.to).not.toContain('marketing-leadership@example.com');
    expect(emailState(w)).toMatchObject({ state: 'sent', rejected: ['marketing-leadership@example.com'] });
    expect(file(w, PAGE)).toBeDefined();
  });

  it('email failing after the commit: exit 4, the page stays; the re-run only sends', async () => {
    w = await publishWorld();
    w.world.smtp.behaviour.failData = true;
    const ran = await w.run();
    expect(ran.code).toBe(4);
    expect(ran.stderr).toContain('it commits nothing again and only sends the email');
    expect(file(w, PAGE)).toBeDefined();
    expect(emailState(w)).toMatchObject({ state: 'failed' });
    const before = jobCommits(w).length;

    w.world.smtp.behaviour.failData = false;
    const again = await w.run();
    expect(again.code, again.stderr).toBe(0);
    expect(w.world.smtp.messages).toHaveLength(1);
    expect(
      jobCommits(w)
        .slice(before)
        .map((c) => c.files),
    ).toEqual([[SNAPSHOT], [SNAPSHOT]]);
    expect(emailState(w)).toMatchObject({ state: 'sent' });
  });

  it('mode: merge_request with a protected branch and a Developer token: one branch and one MR per month; the re-run finds the month on the MR branch', async () => {
    w = await publishWorld({ goals: [[['publish', 'handbook', 'mode'], 'merge_request']], protectedBranches: ['main'], handbookToken: { accessLevel: 30 } });
    const ran = await w.run();
    expect(ran.code, ran.stderr).toBe(0);
    expect(file(w, PAGE)).toBeUndefined();
    expect(file(w, PAGE, 'community-pulse/2026-10')).toMatch(/community_pulse_sha256/);
    expect(emailState(w, 'community-pulse/2026-10')).toMatchObject({ state: 'sent' });
    expect(w.world.handbook.mergeRequests).toMatchObject([{ iid: 1, sourceBranch: 'community-pulse/2026-10', targetBranch: 'main', state: 'opened' }]);
    expect(ran.stderr).toMatch(/^summary: merge request !1 http:\/\/127\.0\.0\.1:\d+\/gitlab-com\/content-sites\/handbook\/-\/merge_requests\/1$/m);

    const again = await w.run();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('history: 2026-10 from the open merge request branch community-pulse/2026-10');
    expect(again.stderr).toContain('already in history, not collected again: 2026-10');
    expect(w.world.handbook.mergeRequests).toHaveLength(1);
    expect(w.world.smtp.messages).toHaveLength(1);
  });

  it('a source down: the report still goes out with its metrics unavailable (exit 3)', async () => {
    w = await publishWorld();
    await w.world.servers.forum.close();
    const ran = await w.run();
    expect(ran.code, ran.stderr).toBe(3);
    expect(ran.stderr).toMatch(/^source forum \(discourse\) 2026-10: 2 metrics, 0 with a value, unavailable: forum-monthly-active-users, forum-time-to-first-response$/m);
    expect(ran.stderr).toMatch(/^summary: exit 3 — the report went out, but some metric was unavailable/m);
    expect(file(w, PAGE)).toBeDefined();
    expect(w.world.smtp.messages).toHaveLength(1);
  });

  it('a dry run publishes nothing but writes the exact email.eml', async () => {
    w = await publishWorld();
    const ran = await w.run(['--dry-run']);
    expect(ran.code, ran.stderr).toBe(0);
    expect(jobCommits(w)).toEqual([]);
    expect(w.world.smtp.messages).toEqual([]);
    expect(w.outFiles()).toContain('email.eml');
  });

  it('two runs of the same month at once send once: the pending mark is a compare-and-swap on the read that decided to send (19.4)', async () => {
    w = await publishWorld();
    const p = w;
    const SECOND = 'glpat-Second-Runner-Token-0003';
    p.world.handbook.tokens.push({ value: SECOND, username: 'project_278964_bot_pulse2', name: 'community-pulse (second runner)' });
    // Run B reads the snapshot before run A's report commit is applied, and gets that answer only
    // after A's commit landed (the old code then read the file a second time for its own commit,
    // with A's last_commit_id, and sent as well).
    let bRead: () => void = () => undefined;
    const bHasRead = new Promise<void>((resolve) => (bRead = resolve));
    let aLanded: () => void = () => undefined;
    const aHasLanded = new Promise<void>((resolve) => (aLanded = resolve));
    let heldA = false;
    let heldB = false;
    p.world.handbook.hold = (request) => {
      if (!heldA && request.api === 'commits' && request.token !== SECOND) {
        heldA = true;
        return bHasRead.then(() => {
          const landed = setInterval(() => {
            if (!jobCommits(p).some((c) => c.files.includes(SNAPSHOT))) return;
            clearInterval(landed);
            aLanded();
          }, 10);
        });
      }
      if (!heldB && request.api === 'file' && request.token === SECOND && request.path === SNAPSHOT) {
        heldB = true;
        bRead();
        return aHasLanded;
      }
      return undefined;
    };
    const a = p.run();
    const b = spawnCli(['run', '--goals', 'goals.yml', '--period', p.world.period, '--out', 'out-b'], p.dir, { ...p.world.env, CI: 'true', PULSE_HANDBOOK_TOKEN: SECOND }, 60_000).finally(() => {
      bRead();
      aLanded();
    });
    const [ranA, ranB] = await Promise.all([a, b]);
    expect(ranA.code, ranA.stderr).toBe(0);
    expect([heldA, heldB]).toEqual([true, true]);
    expect(p.world.smtp.messages).toHaveLength(1);
    expect([0, 4]).toContain(ranB.code);
    expect(ranB.stderr, ranB.stderr).toContain('changed while this run was writing');
    expect(ranB.stderr).not.toMatch(/^email: sending/m);
    expect(emailState(p)).toMatchObject({ state: 'sent' });
    expect(secretsIn(ranB.stdout + ranB.stderr, p.world)).toEqual([]);
    expect(ranB.stdout + ranB.stderr).not.toContain(SECOND);
  });
});
