// Issue 19 item 17: text from a goals file or a repository placed where GitLab or a CI log reads
// it. A hand edit's commit title and author go into a log line (no forged `summary:`/`error:`
// line, no ANSI escape) and into the merge-request description (no quick action, mention, link or
// image); report.title goes into commit messages and MR titles (one line, no NUL, no working
// `Closes #1`); metric names in the preview note carry no live Markdown and no raw controls.
import { afterEach, describe, expect, it } from 'vitest';
import { commitAs } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { cell } from '../../src/preview/note.ts';
import { inertBody } from '../../src/preview/mr-note.ts';
import { forCommitTitle, forGitlabMarkdown, forLogLine } from '../../src/render/escape.ts';
import { handbookHarness, type Harness, PAGE, PROJECT } from '../publish/harness.ts';

const HOSTILE = '@all ![x](https://evil.example/x.png) [click](https://evil.example) <img src=x> &#64;all #1 !2 ~bug %1.0 &3\n/close\n/merge\u0000\u000b\u000c\u0085 https://evil.example/raw';

/** No mention, reference, link, image, HTML tag or quick action would render from this Markdown. */
function inertMarkdown(text: string): void {
  // A trigger character directly followed by a word (the output separates them with U+200B); the
  // entities the output writes itself (&amp; &lt; &gt;) are not references.
  expect(text.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[@#!~%&][\p{L}\p{N}]/u);
  expect(text).not.toMatch(/!\[|(?<!\\)\]\(/);
  expect(text).not.toMatch(/<[a-z]/i);
  expect(text).not.toMatch(/^\//m);
  expect(text).not.toMatch(/https?:\/\//);
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0085]/);
}

describe('neutralising functions', () => {
  it('forGitlabMarkdown: one line, nothing live, still readable', () => {
    const out = forGitlabMarkdown(HOSTILE);
    expect(out).not.toContain('\n');
    inertMarkdown(out);
    expect(out.replace(/\u200b/g, '')).toContain('@all');
  });

  it('forCommitTitle: one line, no NUL, no closing pattern, bounded', () => {
    const out = forCommitTitle(`KPIs\nCloses #1\u0000 and https://gitlab.com/g/p/-/issues/2 ${'x'.repeat(300)}`);
    expect(out).not.toMatch(/[\n\r\u0000]/);
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toMatch(/https?:\/\//);
    expect([...out].length).toBeLessThanOrEqual(120);
  });

  it('forLogLine: no line of its own, no ANSI escape', () => {
    const out = forLogLine('Fix\nsummary: exit 0 — done\r\u001b[2K\u001b[31merror: forged\u001b[0m');
    expect(out).not.toMatch(/[\n\r\u001b]/);
    expect(out).toBe('Fix summary: exit 0 — done error: forged');
  });

  it('the preview note: a metric name in a cell, and no raw control character anywhere in the body', () => {
    inertMarkdown(cell(HOSTILE));
    expect(inertBody('a\u0000b\u000bc\u000cd\u0085e\u202ef\r\ng\th')).toBe('abcdef\ng\th');
  });
});

describe('a hand edit with a hostile title and author (publishing, merge_request)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('is logged on one clean line and described inertly in the merge request', async () => {
    h = await handbookHarness();
    await h.publish('2026-09', 170);
    commitAs(h.fake, PROJECT, 'main', { [PAGE]: '# edited\n' }, { name: `Mallory\nsummary: exit 0 — done\n\u001b[31m@all`, email: 'mallory@example.com', title: `typo\n/close\n/merge ![x](https://evil.example/x.png)` });
    const { log } = await h.publish('2026-10', 182);
    expect(
      log
        .join('\n')
        .split('\n')
        .some((l) => /^(summary|error): /.test(l)),
    ).toBe(false);
    expect(log.join('\n')).not.toContain('\u001b');
    const warned = log.find((l) => l.includes('on main was edited by hand')) ?? log.join('\n');
    expect(warned).toContain('"typo /close /merge');
    expect(h.fake.mergeRequests).toHaveLength(1);
    const description = h.fake.mergeRequests[0]!.description;
    expect(description).not.toMatch(/^\/(close|merge)/m);
    expect(description).not.toMatch(/(^|[^\u200b])@all/);
    expect(description).not.toContain('![');
    expect(description).toContain('by Mallory summary: exit 0');
  });
});

describe('report.title in commit messages and merge-request titles (a run end to end)', () => {
  it('one line, no NUL, no working closing pattern', async () => {
    const { publishWorld } = await import('../e2e/harness.ts');
    const w = await publishWorld({
      goals: [
        [['report', 'title'], 'KPIs\nCloses #1\u0000 https://gitlab.com/g/p/-/issues/2'],
        [['publish', 'handbook', 'mode'], 'merge_request'],
      ],
    });
    try {
      const ran = await w.run();
      expect(ran.code, ran.stderr).toBe(0);
      const commits = (w.world.handbook.commits['gitlab-com/content-sites/handbook'] ?? []).slice(1);
      expect(commits.length).toBeGreaterThan(0);
      const texts = [...commits.map((c) => c.message), ...w.world.handbook.mergeRequests.map((m) => `${m.title}\n${m.description}`)];
      for (const text of texts) {
        expect(text.split('\n')[0]).toMatch(/^KPIs Closes #\u200b1 https:\u200b\/\/gitlab\.com/);
        expect(text).not.toMatch(/#\d|\u0000|https?:\/\/gitlab\.com\/g/);
      }
    } finally {
      await w.close();
    }
  }, 120_000);
});
