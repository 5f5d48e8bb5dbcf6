// The Teams card as Microsoft's adaptivecards renderer shows it (with markdown-it standing in for
// Teams' Markdown), in headless Chromium: hostile names appear as the literal text, with no link,
// no emphasis and no visible escape backslash. The Slack approximation and the card are also shot
// as PNGs into test-artifacts/ for a person to look at. Skips when chromium is absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adaptiveCardHtml, shootChatPreviews } from '@community-pulse/demo/chat-previews';
import { findChromium } from '@community-pulse/demo/screenshots';
import { chatMessages } from '../../src/render/chat/index.ts';
import { fixedReport } from './fixture.ts';
import { hostileReport } from './hostile-fixture.ts';
import { PAGE_URL } from './helpers.ts';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
const chromium = findChromium(process.env.PATH);
const tmp = mkdtempSync(join(tmpdir(), 'pulse-chat-preview-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!chromium)('chat previews in Chromium', () => {
  it('the hostile card renders its names as literal text: no link, no emphasis, no backslash', () => {
    const html = join(tmp, 'card.html');
    writeFileSync(html, adaptiveCardHtml(chatMessages(hostileReport(), PAGE_URL).teams.attachments[0]?.content));
    const run = spawnSync(chromium ?? 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${join(tmp, 'profile')}`, '--virtual-time-budget=5000', '--dump-dom', `file://${html}`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const dom = run.stdout;
    const start = dom.indexOf('<div id="card">');
    const card = dom.slice(start, dom.indexOf('<script>', start));
    expect(card).toContain('Needs attention');
    expect(card).toContain('[click](javascript:alert(1))');
    expect(card).toContain('**bold** _it_ # heading');
    expect(card).not.toMatch(/<a [^>]*href="javascript:/);
    expect(card).not.toMatch(/<(strong|em|h1|h2|blockquote|img|script)\b/);
    expect(card).not.toContain('\\[');
    // The only link is the page button's (Action.OpenUrl is a button, not an <a>).
    expect([...card.matchAll(/<a /g)]).toHaveLength(0);
  });

  it('shoots the Slack approximation and the Teams card for a person to look at', async () => {
    const shots = await shootChatPreviews(join(ARTIFACTS, 'chat'), chatMessages(fixedReport(), PAGE_URL), chromium);
    expect(shots.map((s) => s.slice(s.lastIndexOf('/') + 1))).toEqual(['chat-slack.png', 'chat-teams.png']);
  });
});
