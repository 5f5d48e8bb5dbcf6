import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { discordSource } from '../../../src/sources/discord/index.ts';
import { discordFake } from '@community-pulse/demo/fakes/discord/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, OCTOBER } from '../discourse/harness.ts';

const URL_ = 'https://discord.com';
const TOKEN = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs';
const GUILD = '613425648685547541';
const OTHER = '81384788765712384';

function setup(env: Record<string, string> = { PULSE_DISCORD_TOKEN: TOKEN }, guildId = GUILD) {
  const fake = discordFake({
    url: URL_,
    bots: { [TOKEN]: [GUILD] },
    guilds: [
      { id: GUILD, name: 'Pulse <script>alert(1)</script> & friends', members: 12_874, online: 1_502 },
      { id: OTHER, name: 'Not ours', members: 5, online: 1 },
    ],
  });
  server.use(...fake.handlers);
  const h = harness(env);
  const config = { type: 'discord', guild_id: guildId, bot_token_env: 'PULSE_DISCORD_TOKEN', url: URL_ };
  const collector = discordSource.createCollector(h.ctx, 'chat', config);
  const collect = (kind: string, period = OCTOBER) => collector.collect({ id: `discord-${kind}`, query: { kind } }, period);
  return { fake, collect, config, ...h };
}

describe('discord source', () => {
  it('reads the approximate member and online counts with one request, labelled estimates', async () => {
    const { collect, fake } = setup();
    expect(await collect('members')).toEqual({ value: 12_874, status: 'ok', estimate: true, note: "Discord's approximate members count, sampled on 2026-11-02" });
    expect(await collect('online_members')).toMatchObject({ value: 1_502, status: 'ok', estimate: true });
    expect(fake.requests).toEqual([{ path: `/api/v10/guilds/${GUILD}?with_counts=true`, authorization: `Bot ${TOKEN}` }]);
  });

  it('a month that is not the latest cannot be backfilled: unavailable with the reason, and no request', async () => {
    const { collect, fake } = setup();
    const outcome = await collect('members', periodOf({ year: 2026, month: 8 }, 'UTC'));
    expect(outcome).toMatchObject({ value: null, status: 'unavailable' });
    expect(outcome.reason).toContain('2026-08 cannot be backfilled');
    expect(fake.requests).toEqual([]);
  });

  it('an invalid token is EAUTH (401) and the token is never shown', async () => {
    const { collect, log } = setup({ PULSE_DISCORD_TOKEN: 'MTk4NjIyNDgzNDcxOTI1MjQ4.WRONG1.ZnCjm1XVW7vRze4b7Cq4seXXXXX' });
    const error = await failure(collect('members'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 401 });
    expect(error.message).toContain('401: Unauthorized');
    expect(everythingShown(error, log.lines)).not.toContain('WRONG1');
  });

  it('a bot that is not in the guild is EAUTH (403 Missing Access) with a fix', async () => {
    const { collect } = setup(undefined, OTHER);
    const error = await failure(collect('members'));
    expect(error).toMatchObject({ code: 'EAUTH', status: 403 });
    expect(error.message).toContain('Missing Access');
    expect(error.fix).toContain('added to guild');
  });

  it('an unknown guild is ENOTFOUND (404 Unknown Guild)', async () => {
    const { collect } = setup(undefined, '999999999999999999');
    const error = await failure(collect('members'));
    expect(error).toMatchObject({ code: 'ENOTFOUND', status: 404 });
    expect(error.fix).toContain('guild_id');
  });

  it('waits the Retry-After of a 429 (route and global), then gives up with ETRANSIENT', async () => {
    for (const kind of ['rate_limit', 'global_rate_limit'] as const) {
      const once = setup();
      once.fake.failNext(kind);
      expect(await once.collect('members')).toMatchObject({ value: 12_874 });
      expect(once.http.stats().retries).toBe(1);
      expect(once.http.stats().waitedMsByHost['discord.com']).toBe(1000);
    }
    const always = setup();
    always.fake.failNext('rate_limit', 'rate_limit', 'rate_limit', 'rate_limit', 'rate_limit');
    const error = await failure(always.collect('members'));
    expect(error).toMatchObject({ code: 'ETRANSIENT', status: 429 });
    expect(error.message).toContain('You are being rate limited');
  });

  it('retries a 502', async () => {
    const { collect, fake } = setup();
    fake.failNext('server_error');
    expect(await collect('online_members')).toMatchObject({ value: 1_502 });
  });

  it('an answer without the counts or not JSON is EBADRESPONSE', async () => {
    for (const f of ['missing_counts', 'not_json'] as const) {
      const { collect, fake } = setup();
      fake.failNext(f);
      await expect(collect('members')).rejects.toMatchObject({ code: 'EBADRESPONSE' });
    }
  });

  it('an unset token env var is EENV', async () => {
    const { collect } = setup({});
    await expect(collect('members')).rejects.toMatchObject({ code: 'EENV' });
  });

  it('verify makes the same one call', async () => {
    const { ctx, config, fake } = setup();
    await discordSource.verify?.(ctx, 'chat', config, []);
    expect(fake.requests).toHaveLength(1);
    const bad = setup(undefined, OTHER);
    await expect(discordSource.verify?.(bad.ctx, 'chat', bad.config, [])).rejects.toMatchObject({ code: 'EAUTH' });
  });

  it('refuses a guild id that is not a snowflake', () => {
    expect(discordSource.configSchema.safeParse({ type: 'discord', guild_id: 'my-server', bot_token_env: 'PULSE_DISCORD_TOKEN' }).success).toBe(false);
  });
});
