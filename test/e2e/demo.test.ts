// `community-pulse demo` as a newcomer runs it: a fresh process, no credentials in its
// environment, no network (only loopback), and a directory to look at afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { demoBulk, demoExpected } from '@community-pulse/demo/bulk';
import { HANDBOOK_TOKEN, SMTP_PASSWORD } from '@community-pulse/demo/sample-world';
import { EXPECTED_OCTOBER } from '@community-pulse/demo/world';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'pulse-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('community-pulse demo', () => {
  // The whole job in a subprocess: about 5 s of CPU, far longer on a loaded machine (like demo-page.test.ts).
  it('runs the whole job against the sample world and leaves the committed files and the received email', { timeout: 120_000 }, async () => {
    // PATH holds only Node: no Chromium, no git, nothing else from this machine.
    const run = spawnSync(process.execPath, [join(ROOT, 'src/cli.ts'), 'demo', '--out', 'pulse-demo'], { cwd: dir, encoding: 'utf8', env: { PATH: dirname(process.execPath) } });
    expect(run.status, run.stderr).toBe(0);
    const out = join(dir, 'pulse-demo');
    const page = join(out, 'handbook/content/handbook/marketing/developer-relations/performance-indicators/_index.md');
    const snapshot = join(out, 'handbook/data/developer_relations/pulse/2026-10.json');
    for (const f of [join(out, 'goals.yml'), join(out, 'run/snapshot.json'), join(out, 'run/email.eml'), join(out, 'run/email.html'), page, snapshot, join(out, 'received.eml')]) expect(existsSync(f), f).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(/community_pulse_sha256: "[0-9a-f]{64}"/);
    const committed = JSON.parse(readFileSync(snapshot, 'utf8')) as { publication: { email: { state: string }; slack?: { state: string }; teams?: { state: string } }; metrics: Record<string, { value: number | null; health?: { level: number } }> };
    expect(committed.publication.email.state).toBe('sent');
    // The demo posts the summary to the Slack and Teams webhook fakes, once, and records it.
    expect(committed.publication).toMatchObject({ slack: { state: 'sent' }, teams: { state: 'sent' } });
    expect(JSON.parse(readFileSync(join(out, 'received-slack-1.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(join(out, 'run/chat-slack.json'), 'utf8')));
    expect(JSON.parse(readFileSync(join(out, 'received-teams-2.json'), 'utf8'))).toEqual(JSON.parse(readFileSync(join(out, 'run/chat-teams.json'), 'utf8')));
    // The collectors counted the generated month over real HTTP: exactly the tallies of its records.
    expect(Object.fromEntries(Object.entries(committed.metrics).map(([id, m]) => [id, m.value]))).toEqual(demoExpected(EXPECTED_OCTOBER, demoBulk()));
    // A realistic month: mostly on track, some attention, at least one problem (3 Okay, 2 Attention, 1 Problem).
    const levels = Object.values(committed.metrics).map((m) => m.health?.level);
    expect(levels.filter((l) => l === 3).length).toBeGreaterThan(levels.length / 2);
    expect(levels).toContain(2);
    expect(levels).toContain(1);
    expect(readFileSync(join(out, 'received.eml')).equals(readFileSync(join(out, 'run/email.eml')))).toBe(true);
    const mail = await simpleParser(readFileSync(join(out, 'received.eml')), { keepCidLinks: true });
    expect(mail.subject).toContain('October 2026');
    expect(mail.attachments.every((a) => a.contentType === 'image/png' && a.cid && mail.html && mail.html.includes(`cid:${a.cid}`))).toBe(true);
    expect(run.stdout).toMatch(/demo finished in \d+\.\ds — exit 0/);
    expect(run.stdout).toContain('pulse-demo/received.eml');
    // The file it tells a newcomer to open in a browser shows its charts: inline images, no cid: links.
    expect(run.stdout).toContain('open email.preview.html in a browser');
    const preview = readFileSync(join(out, 'run/email.preview.html'), 'utf8');
    expect(preview).not.toContain('cid:');
    const images = [...preview.matchAll(/<img[^>]* src="([^"]+)"/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(0);
    for (const src of images) expect(existsSync(join(out, 'run', src)), src).toBe(true);
    for (const secret of [HANDBOOK_TOKEN, SMTP_PASSWORD]) expect(run.stdout + run.stderr).not.toContain(secret);

    // A second demo replaces its own directory.
    const again = spawnSync(process.execPath, [join(ROOT, 'src/cli.ts'), 'demo', '--out', 'pulse-demo'], { cwd: dir, encoding: 'utf8', env: { PATH: dirname(process.execPath) } });
    expect(again.status, again.stderr).toBe(0);
  });
});
