// The chat posts as Slack and Teams receive them: each checked against its schema (Block Kit as
// transcribed from Slack's reference; the Adaptive Card 1.5 subset transcribed from the official
// schema, plus the adaptivecards renderer's own parse), hostile names neutralised, limits kept.
import { describe, expect, it } from 'vitest';
import { slackMessageSchema } from '@community-pulse/demo/fakes/slack/block-kit';
import { teamsMessageErrors } from '@community-pulse/demo/fakes/teams/validate';
import { chatMessages } from '../../src/render/chat/index.ts';
import { chatView } from '../../src/render/chat/view.ts';
import { forAdaptiveCardMarkdown, forSlackMrkdwn } from '../../src/render/escape.ts';
import { fixedReport, largeReport } from './fixture.ts';
import { hostileReport } from './hostile-fixture.ts';
import { PAGE_URL } from './helpers.ts';

const reports = { fixed: fixedReport(), large: largeReport(60), hostile: hostileReport() };

describe('chat posts', () => {
  it.each(Object.entries(reports))('%s report: the Slack message passes the Block Kit schema and its limits', (_name, report) => {
    const { slack } = chatMessages(report, PAGE_URL);
    const parsed = slackMessageSchema.safeParse(slack);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
  });

  it.each(Object.entries(reports))('%s report: the Teams message passes the Adaptive Card schema', (_name, report) => {
    const { teams } = chatMessages(report, PAGE_URL);
    expect(teamsMessageErrors(teams)).toEqual([]);
  });

  it('the adaptivecards renderer parses the card without a validation error', async () => {
    const AC = await import('adaptivecards');
    for (const report of Object.values(reports)) {
      const card = new AC.AdaptiveCard();
      const context = new AC.SerializationContext();
      card.parse(chatMessages(report, PAGE_URL).teams.attachments[0]?.content, context);
      expect(context.eventCount, JSON.stringify(context.getEventAt?.(0))).toBe(0);
      expect(card.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);
    }
  });

  it('leads with the health counts and what needs attention, and links the page', () => {
    const report = reports.fixed;
    const view = chatView(report, PAGE_URL);
    const { slack, teams } = chatMessages(report, PAGE_URL);
    const slackText = JSON.stringify(slack);
    expect(slack.text).toContain(view.countsWords);
    for (const item of view.attention) expect(slackText).toContain(forSlackMrkdwn(item.name).replace(/"/g, '\\"'));
    expect(slackText).toContain(`<${PAGE_URL}|`);
    expect(teams.attachments[0]?.content.actions).toEqual([{ type: 'Action.OpenUrl', title: view.pageLinkText, url: PAGE_URL }]);
    expect(view.attention.length).toBeGreaterThan(0);
  });

  it('at most 10 indicators needing attention, then "and N more"', () => {
    const view = chatView(reports.large, PAGE_URL);
    const needing = reports.large.metrics.filter((m) => m.health.level === 1 || m.health.level === 2).length;
    expect(needing).toBeGreaterThan(10);
    expect(view.attention).toHaveLength(10);
    expect(view.more).toBe(needing - 10);
    expect(JSON.stringify(chatMessages(reports.large, PAGE_URL).slack)).toContain(`and ${needing - 10} more in the report`);
  });

  it('hostile names cannot mention, link or format in Slack, nor link or format in the card', () => {
    const { slack, teams } = chatMessages(reports.hostile, PAGE_URL);
    // mrkdwn is where Slack parses links and mentions; plain_text (the header) is shown as it is.
    const texts = slack.blocks.flatMap((b) => ('text' in b ? [b.text] : 'elements' in b ? b.elements : [])).flatMap((t) => (t.type === 'mrkdwn' ? [t.text] : []));
    const userTexts = texts.filter((t) => !t.includes(PAGE_URL));
    for (const t of userTexts) {
      expect(t).not.toMatch(/<[^>]*>/); // no <!channel>, <@U…>, <http…|…>
      expect(t).not.toMatch(/https?:\/\//); // no autolinked URL either
    }
    const card = JSON.stringify(teams);
    expect(card).not.toContain('[click](');
    expect(card).not.toContain('**bold**');
  });

  it.each([
    ['<!channel> & <https://evil.example|click>', '&lt;!channel&gt; &amp; &lt;https:\u200b//evil.example|click&gt;'],
    ['line\nbreak', 'line break'],
  ])('forSlackMrkdwn(%j)', (text, expected) => {
    expect(forSlackMrkdwn(text)).toBe(expected);
  });

  it.each([
    ['[click](javascript:alert(1))', '\\[click\\]\\(javascript:alert\\(1\\)\\)'],
    ['**bold** _it_ # h > q', '\\*\\*bold\\*\\* \\_it\\_ \\# h \\> q'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['see https://evil.example', 'see https:\u200b//evil.example'],
  ])('forAdaptiveCardMarkdown(%j)', (text, expected) => {
    expect(forAdaptiveCardMarkdown(text)).toBe(expected);
  });
});
