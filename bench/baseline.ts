// The naive baseline, written the way such scripts usually are: @gitbeaker/rest, one month after
// another, MergeRequests.all with its default page size (20), and one GET /users/:id per author not
// seen before to learn the `bot` flag (the REST MR list does not carry it). Same bot rules as the
// collector, so the counts are comparable. Prints one JSON line like bench/new-client.ts.
import { parseArgs } from 'node:util';
import { Gitlab } from '@gitbeaker/rest';
import { isBot } from '../src/sources/gitlab/bots.ts';
import { BENCH_GROUP, BENCH_LABEL, BENCH_TOKEN, benchPeriods } from './dataset.ts';

const { values } = parseArgs({ options: { url: { type: 'string' }, months: { type: 'string', default: '24' } } });
if (!values.url) throw new Error('--url is required');

const rssStartKb = Math.round(process.memoryUsage().rss / 1024);
const api = new Gitlab({ host: values.url, token: BENCH_TOKEN });
const botById = new Map<number, boolean>();
const started = performance.now();
const results: Array<{ label: string; values: Record<string, number> }> = [];
for (const period of benchPeriods(Number(values.months))) {
  const mrs = await api.MergeRequests.all({
    groupId: BENCH_GROUP,
    state: 'merged',
    labels: BENCH_LABEL,
    mergedAfter: period.start.toISOString(),
    mergedBefore: period.end.toISOString(),
  });
  const counts = new Map<string, number>();
  for (const mr of mrs) {
    const author = mr.author;
    let bot = botById.get(author.id);
    if (bot === undefined) {
      const user = await api.Users.show(author.id);
      bot = isBot({ username: user.username, bot: user.bot === true });
      botById.set(author.id, bot);
    }
    if (!bot) counts.set(author.username, (counts.get(author.username) ?? 0) + 1);
  }
  let total = 0;
  for (const n of counts.values()) total += n;
  results.push({ label: period.label, values: { merged_mr_authors: counts.size, merged_mrs: total } });
}
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ wallMs, rssStartKb, maxRssKb: process.resourceUsage().maxRSS, results, users: botById.size })}\n`);
