// examples/community-chat.goals.yml end to end (issue 23): a real `run` against the Discord,
// JSON-API, Slack and Teams fakes and an SMTP server on loopback. The month is the one a monthly
// run reports today (Discord's counts exist only now), so the fakes hold data for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { discordFake, type DiscordFake } from '@community-pulse/demo/fakes/discord/index';
import { jsonApiFake, type JsonApiFake } from '@community-pulse/demo/fakes/json-api/index';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { slackFake, type SlackFake } from '@community-pulse/demo/fakes/slack/index';
import { startSmtpFake, type SmtpFake } from '@community-pulse/demo/fakes/smtp/index';
import { teamsFake, teamsWebhookUrl, type TeamsFake } from '@community-pulse/demo/fakes/teams/index';
import { runCli, tempDir } from '../hostile/spawn.ts';

const BOT = 'MTk4NjIy.Example.DiscordBotToken0001';
const EVENTS = 'evt_live_ExampleEventsToken0000001';
const HOOK = '/services/T0EXAMPLE/B0EXAMPLE/ExampleSlackHookSecret01';
const SIG = 'ExampleTeamsSignature000000000001';
const now = new Date();
const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

let servers: ServedFake[] = [];
let discord: DiscordFake | undefined;
let events: JsonApiFake | undefined;
let slack: SlackFake | undefined;
let teams: TeamsFake | undefined;
let smtp: SmtpFake;
let goalsYaml = '';

beforeAll(async () => {
  const d = await serveFake((base) => (discord = discordFake({ url: base, bots: { [BOT]: ['613425648685547541'] }, guilds: [{ id: '613425648685547541', name: 'Example', members: 16_250, online: 2_100 }] })).handlers);
  const j = await serveFake((base) => (events = jsonApiFake({ url: base, header: 'Authorization', prefix: 'Bearer ', key: EVENTS, months: { [month]: { signups: 640, active: 1, rate: 1 } } })).handlers);
  const c = await serveFake(() => []);
  slack = slackFake({ url: c.url, hooks: [HOOK] });
  teams = teamsFake({ url: c.url, workflows: { flow: SIG } });
  c.setHandlers([...slack.handlers, ...teams.handlers]);
  servers = [d, j, c];
  smtp = await startSmtpFake();
  const doc = parseDocument(readFileSync(new URL('../../examples/community-chat.goals.yml', import.meta.url), 'utf8'));
  doc.setIn(['sources', 'discord', 'url'], d.url);
  doc.setIn(['sources', 'events-api', 'url'], `${j.url}/v1/stats?from={{start}}&to={{end}}`);
  // The fake names the figure `signups`; the example's API calls it `registrations`.
  doc.setIn(['metrics', 2, 'query', 'select'], '$.data.signups');
  doc.setIn(['metrics', 3, 'query', 'values'], { [month]: 82 });
  doc.setIn(['publish', 'email', 'smtp'], { host: smtp.host, port: smtp.port });
  goalsYaml = doc.toString();
});
afterAll(async () => {
  await Promise.all([...servers.map((s) => s.close()), smtp.close()]);
});

describe('examples/community-chat.goals.yml', () => {
  it(`run reports ${month}: Discord and the JSON API collected, the email sent, Slack and Teams posted`, async () => {
    const dir = tempDir({ 'goals.yml': goalsYaml });
    const env = { PULSE_DISCORD_BOT_TOKEN: BOT, PULSE_EVENTS_TOKEN: EVENTS, PULSE_SLACK_WEBHOOK_URL: `${servers[2]?.url}${HOOK}`, PULSE_TEAMS_WEBHOOK_URL: teamsWebhookUrl(servers[2]?.url ?? '', 'flow', SIG) };
    const result = await runCli(['run', '--no-dry-run', '--out', 'out'], dir, env, 120_000);
    expect(result.code, result.stderr).toBe(0);
    const snapshot = JSON.parse(readFileSync(join(dir, 'out/snapshot.json'), 'utf8')) as { metrics: Record<string, { value: number | null }> };
    expect(Object.fromEntries(Object.entries(snapshot.metrics).map(([id, m]) => [id, m.value]))).toEqual({ 'discord-members': 16_250, 'discord-online': 2_100, 'event-registrations': 640, 'community-satisfaction': 82 });
    expect(discord?.requests.every((r) => r.authorization === `Bot ${BOT}`)).toBe(true);
    expect(events?.requests.at(-1)?.path).toMatch(new RegExp(`^/v1/stats\\?from=${month}-01&to=${month}-\\d\\d$`));
    expect(smtp.messages).toHaveLength(1);
    expect(slack?.posts).toHaveLength(1);
    expect(teams?.posts).toHaveLength(1);
    const shown = result.stdout + result.stderr;
    for (const secret of [BOT, EVENTS, HOOK, SIG]) expect(shown).not.toContain(secret);
  });
});
