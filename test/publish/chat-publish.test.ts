// The chat posts through the real executor, HTTP client and the Slack and Teams fakes, with the
// handbook repository fake recording each delivery: once per month, --resend to repeat, a refusal
// posts again next run, an answer that leaves the fate open is never repeated by itself, and the
// webhook URLs (secrets) never reach a log line, an error or the handbook.
import { afterEach, describe, expect, it } from 'vitest';
import { slackFake } from '@community-pulse/demo/fakes/slack/index';
import { teamsFake, teamsWebhookUrl } from '@community-pulse/demo/fakes/teams/index';
import { slackSchema, teamsSchema } from '../../src/goals/schema.ts';
import { publishPeriod } from '../../src/publish/execute.ts';
import { publishTargets } from '../../src/publish/targets.ts';
import { chatMessages } from '../../src/render/chat/index.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';
import { fixedReport } from '../render/fixture.ts';
import { DATA_DIR, handbookHarness, type Harness, PAGE, page, snapshotFor } from './harness.ts';

const SLACK = 'https://hooks.slack.com';
const HOOK = '/services/T0000PULSE/B0000PULSE/XxSlackSecretHookToken42';
const TEAMS = 'https://prod-42.westeurope.logic.azure.com';
const SIG = 'TeamsSigSecret0123456789abcdefXYZ';
const ENV = { PULSE_SLACK_WEBHOOK_URL: `${SLACK}${HOOK}`, PULSE_TEAMS_WEBHOOK_URL: teamsWebhookUrl(TEAMS, 'wf1', SIG) };
const messages = chatMessages(fixedReport(), 'https://handbook.example.com/kpis/');

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function world() {
  h = await handbookHarness();
  const slack = slackFake({ url: SLACK, hooks: [HOOK] });
  const teams = teamsFake({ url: TEAMS, workflows: { wf1: SIG } });
  server.use(...slack.handlers, ...teams.handlers);
  const harness = h;
  const publish = async (opts: { resend?: boolean; env?: Record<string, string> } = {}) => {
    const { client, log, masker } = testClient();
    const targets = publishTargets({ handbook: harness.handbook, slack: slackSchema.parse({}), teams: teamsSchema.parse({}) }, { ...harness.env, ...ENV, ...opts.env }, client, masker);
    const outcome = await publishPeriod(
      { period: '2026-10', title: 'DevRel KPIs', snapshot: snapshotFor('2026-10', 182), files: [{ path: PAGE, content: page('2026-10', 182) }], chat: { slack: messages.slack, teams: messages.teams }, resend: opts.resend ?? false, generator: 'test' },
      targets,
      { log, now: () => new Date('2026-11-02T06:00:00Z') },
    );
    return { outcome, targets, lines: log.lines };
  };
  const record = () => JSON.parse(harness.mainFile(`${DATA_DIR}/2026-10.json`) ?? '{}').publication as Record<string, { state: string; error?: string }> | undefined;
  return { slack, teams, publish, record };
}

describe('chat posts, once a month', () => {
  it('posts to both, records sent with the report, and posts nothing the second time', async () => {
    const w = await world();
    const first = await w.publish();
    expect(first.outcome.failures).toEqual([]);
    expect(first.outcome.chats).toEqual([
      { channel: 'slack', state: 'sent' },
      { channel: 'teams', state: 'sent' },
    ]);
    expect(w.slack.posts).toEqual([{ hook: HOOK, message: messages.slack }]);
    expect(w.teams.posts).toEqual([{ workflow: 'wf1', message: messages.teams }]);
    expect(w.record()).toMatchObject({ slack: { state: 'sent' }, teams: { state: 'sent' } });
    const second = await w.publish();
    expect(second.outcome.chats.map((c) => c.state)).toEqual(['already-sent', 'already-sent']);
    expect(w.slack.posts).toHaveLength(1);
    expect(w.teams.posts).toHaveLength(1);
    const resent = await w.publish({ resend: true });
    expect(resent.outcome.chats.map((c) => c.state)).toEqual(['sent', 'sent']);
    expect(w.slack.posts).toHaveLength(2);
  });

  it('a refusal (410 channel_is_archived) is failed: reported, and the next run posts again', async () => {
    const w = await world();
    w.slack.failNext('archived');
    const first = await w.publish();
    expect(first.outcome.chats).toEqual([
      { channel: 'slack', state: 'failed' },
      { channel: 'teams', state: 'sent' },
    ]);
    expect(first.outcome.failures.map((f) => f.message).join('\n')).toContain('channel_is_archived');
    expect(w.record()).toMatchObject({ slack: { state: 'failed' }, teams: { state: 'sent' } });
    const second = await w.publish();
    expect(second.outcome.chats).toEqual([
      { channel: 'slack', state: 'sent' },
      { channel: 'teams', state: 'already-sent' },
    ]);
    expect(w.slack.posts).toHaveLength(1);
    expect(w.teams.posts).toHaveLength(1);
  });

  it('a 500 or a 502 leaves the fate open: unknown, not retried, not posted again without --resend', async () => {
    const w = await world();
    w.slack.failNext('server_error');
    w.teams.failNext('server_error');
    const first = await w.publish();
    expect(first.outcome.chats.map((c) => c.state)).toEqual(['unknown', 'unknown']);
    expect(w.slack.requests).toHaveLength(1); // never retried
    expect(w.teams.requests).toHaveLength(1);
    expect(w.record()).toMatchObject({ slack: { state: 'unknown' }, teams: { state: 'unknown' } });
    const second = await w.publish();
    expect(second.outcome.chats.map((c) => c.state)).toEqual(['unknown', 'unknown']);
    expect(second.outcome.failures.map((f) => f.fix).join('\n')).toContain('--resend');
    expect(w.slack.requests).toHaveLength(1);
    expect((await w.publish({ resend: true })).outcome.chats.map((c) => c.state)).toEqual(['sent', 'sent']);
  });

  it('a 429 is a refusal (Slack posted nothing): failed, posted by the next run', async () => {
    const w = await world();
    w.slack.failNext('rate_limit');
    w.teams.failNext('rate_limit');
    expect((await w.publish()).outcome.chats.map((c) => c.state)).toEqual(['failed', 'failed']);
    expect((await w.publish()).outcome.chats.map((c) => c.state)).toEqual(['sent', 'sent']);
  });

  it('a removed hook (404 no_service) or a wrong Teams signature (401) is failed with a fix naming the variable', async () => {
    const w = await world();
    const { outcome } = await w.publish({ env: { PULSE_SLACK_WEBHOOK_URL: `${SLACK}/services/T0/B0/RevokedHookSecret999`, PULSE_TEAMS_WEBHOOK_URL: teamsWebhookUrl(TEAMS, 'wf1', 'WrongSignature000000000') } });
    expect(outcome.chats.map((c) => c.state)).toEqual(['failed', 'failed']);
    expect(outcome.failures.map((f) => f.fix).join('\n')).toContain('PULSE_SLACK_WEBHOOK_URL');
    expect(outcome.failures.map((f) => f.message).join('\n')).toContain('no_service');
  });

  it('the webhook URLs never appear in logs, errors or the handbook', async () => {
    const w = await world();
    w.slack.failNext('archived');
    w.teams.failNext('server_error');
    const { outcome, lines } = await w.publish();
    const shown = [...lines, ...outcome.failures.flatMap((f) => [f.message, f.fix]), h?.mainFile(`${DATA_DIR}/2026-10.json`) ?? ''].join('\n');
    for (const secret of ['XxSlackSecretHookToken42', SIG, 'T0000PULSE/B0000PULSE']) expect(shown).not.toContain(secret);
    expect(shown).toContain('hooks.slack.com');
  });

  it('an unset or non-https webhook URL is a verify problem naming the variable', async () => {
    h = await handbookHarness();
    const { client, masker } = testClient();
    const missing = publishTargets({ slack: slackSchema.parse({}) }, {}, client, masker);
    expect(missing.missing.map((e) => e.message)).toEqual(['PULSE_SLACK_WEBHOOK_URL is not set: the Slack webhook URL is needed to post the summary']);
    const plain = publishTargets({ teams: teamsSchema.parse({}) }, { PULSE_TEAMS_WEBHOOK_URL: 'http://teams.example.com/hook?sig=abcdefgh12345678' }, client, masker);
    expect(plain.missing[0]?.message).toContain('does not hold an https:// URL');
    expect(plain.missing[0]?.message).not.toContain('abcdefgh12345678');
  });
});
