// `npm run bench` (with the backfill section), or alone: `node bench/chat-json-sources.ts [--months 24]`.
// Backfill request counts of the Discord and generic JSON sources against their fakes (in process,
// msw), the way `backfill` asks: every period announced first (prefetch), then collected.
// - Discord: its counts are a level at collection time with no history, so a backfill asks
//   nothing for past months (they are unavailable with the reason) and once for the latest month.
// - JSON: one request per month (the generic source cannot know whether an API splits a range by
//   month); every metric of the source shares its month's request.
import { parseArgs } from 'node:util';
import { setupServer } from 'msw/node';
import { discordFake } from '@community-pulse/demo/fakes/discord/index';
import { jsonApiFake } from '@community-pulse/demo/fakes/json-api/index';
import { sourceContext } from '../src/collect/context.ts';
import { createHttpClient } from '../src/http/client.ts';
import { memoryLogger } from '../src/log.ts';
import { addMonths, periodOf } from '../src/periods/periods.ts';
import { SecretMasker } from '../src/secrets.ts';
import { discordSource } from '../src/sources/discord/index.ts';
import { jsonSource } from '../src/sources/json/index.ts';
import type { RegisteredSource } from '../src/sources/types.ts';

const { values: args } = parseArgs({ options: { months: { type: 'string', default: '24' } } });
const MONTHS = Number(args.months);
const NOW = new Date('2026-11-02T06:00:00Z');
const LAST = { year: 2026, month: 10 };
const periods = Array.from({ length: MONTHS }, (_, i) => periodOf(addMonths(LAST, -(MONTHS - 1) + i)));

const discord = discordFake({ url: 'https://discord.bench', bots: { 'bench-bot-token-000000': ['613425648685547541'] }, guilds: [{ id: '613425648685547541', name: 'Bench', members: 12000, online: 1500 }] });
const months = Object.fromEntries(periods.map((p, i) => [p.label, { signups: 100 + i, active: 1000 + i, rate: 1 }]));
const json = jsonApiFake({ url: 'https://stats.bench', header: 'Authorization', prefix: 'Bearer ', key: 'bench-json-key-00000000', months });
const server = setupServer(...discord.handlers, ...json.handlers);
server.listen();

async function backfill(source: RegisteredSource, config: unknown, queries: Array<Record<string, unknown>>, env: Record<string, string>): Promise<{ values: number; unavailable: number }> {
  const masker = new SecretMasker();
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, random: () => 0.5, now: () => NOW.getTime() });
  const collector = source.createCollector(sourceContext('bench', { http, env, masker, log, now: () => NOW }), 'bench', config);
  const metrics = queries.map((query, i) => ({ id: `m${i}`, query }));
  for (const m of metrics) collector.prefetch?.(m, periods);
  const outcomes = await Promise.all(metrics.flatMap((m) => periods.map((p) => collector.collect(m, p))));
  return { values: outcomes.filter((o) => o.value !== null).length, unavailable: outcomes.filter((o) => o.status === 'unavailable').length };
}

const d = await backfill(discordSource, { type: 'discord', guild_id: '613425648685547541', bot_token_env: 'PULSE_DISCORD', url: 'https://discord.bench' }, [{ kind: 'members' }, { kind: 'online_members' }], { PULSE_DISCORD: 'bench-bot-token-000000' });
const j = await backfill(
  jsonSource,
  { type: 'json', url: 'https://stats.bench/v1/stats?from={{start}}&to={{end}}', credential_env: 'PULSE_JSON', credential_prefix: 'Bearer ' },
  [
    { kind: 'count', select: '$.data.signups' },
    { kind: 'level', select: '$.data["active users"]' },
    { kind: 'value', select: '$.data.rates[0].value' },
  ],
  { PULSE_JSON: 'bench-json-key-00000000' },
);
server.close();
console.log(`backfill of ${MONTHS} months (${periods[0]?.label}..${periods.at(-1)?.label}), run on ${NOW.toISOString().slice(0, 10)}: requests per source`);
console.log('  source                   | metrics | requests | values | unavailable');
console.log(`  discord (2 level kinds)  | ${'2'.padStart(7)} | ${String(discord.requests.length).padStart(8)} | ${String(d.values).padStart(6)} | ${String(d.unavailable).padStart(11)}  (past months cannot be backfilled: no request)`);
console.log(`  json (count/level/value) | ${'3'.padStart(7)} | ${String(json.requests.length).padStart(8)} | ${String(j.values).padStart(6)} | ${String(j.unavailable).padStart(11)}  (one request a month, shared by the metrics)`);
