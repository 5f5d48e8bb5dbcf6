// Issue 21.7: the team's note per indicator and month, shown beside the computed reasons on the
// page, in the email (HTML and text). It is untrusted text from a merge request: every output
// neutralises it for its own context.
import { describe, expect, it } from 'vitest';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport } from './fixture.ts';
import { HOSTILE, hostileReport } from './hostile-fixture.ts';
import { dangerousTags, fileText, renderReport } from './helpers.ts';

const NOTE = 'The autumn hackathon moved to November; three meetups joined it.';

describe("the team's note", async () => {
  const result = await renderReport(fixedReport());
  const page = fileText(result, OUTPUT.page);

  it('is on the page in the metric section, right after the computed reasons', () => {
    const section = page.slice(page.indexOf('## Meetups per Month'), page.indexOf('## Forum Monthly Active Users'));
    expect(section).toContain(`- 3 vs target 12 (-75%); more than 10% below target\n\n**The team's note:** ${NOTE}\n`);
    // Only the metric that has one.
    expect(page.match(/The team's note:/g)).toHaveLength(1);
  });

  it('is in the email, HTML and text, beside the reason', () => {
    const html = fileText(result, OUTPUT.emailHtml);
    expect(html).toMatch(/<em>The team(&#x27;|&#39;|')s note:<\/em> The autumn hackathon moved to November; three meetups joined it\./);
    const text = fileText(result, OUTPUT.emailText);
    expect(text).toMatch(/ {2}Health {6}✕ Problem: 3 vs target 12 \(-75%\); more than 10% below target\n {2}Team note {3}The autumn hackathon moved to November; three meetups joined it\.\n/);
  });

  it('stays inert text when it holds markup, shortcodes, mentions, links or line breaks', async () => {
    const hostile = await renderReport(hostileReport());
    const hostilePage = fileText(hostile, OUTPUT.page);
    const notes = hostilePage.split('\n').filter((l) => l.startsWith("**The team's note:**"));
    expect(notes).toHaveLength(HOSTILE.length);
    for (const line of notes) {
      expect(line).not.toMatch(/(?<!\\)[<[`]/); // no HTML, link or code starts unescaped
      expect(line).not.toMatch(/\{\{\s*[<%]/);
      expect(line).not.toMatch(/https?:\/\/evil/); // no autolink
    }
    const html = fileText(hostile, OUTPUT.emailHtml);
    expect(dangerousTags(html)).toEqual([]);
    expect(html).not.toMatch(/href="https?:\/\/evil/);
    const text = fileText(hostile, OUTPUT.emailText);
    for (const line of text.split('\n').filter((l) => l.startsWith('Team note'))) expect(line).not.toContain('\r');
    expect(text).not.toContain('line one\nline two');
  });
});
