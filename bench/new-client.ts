// One benchmark run of community-pulse's GitLab collector, in its own process so its peak RSS is
// its own: every month of the workload collected at once, the way the pipeline backfills.
// Prints one JSON line: wall time, requests, retries, peak RSS and the values per month.
import { parseArgs } from 'node:util';
import { createHttpClient } from '../src/http/client.ts';
import type { Logger } from '../src/log.ts';
import { SecretMasker } from '../src/secrets.ts';
import { createGitlabCollector } from '../src/sources/gitlab/collector.ts';
import { gitlabQuerySchema } from '../src/sources/gitlab/config.ts';
import { BENCH_GROUP, BENCH_LABEL, BENCH_TOKEN, benchPeriods } from './dataset.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    months: { type: 'string', default: '24' },
    concurrency: { type: 'string', default: '8' },
    'first-time': { type: 'boolean', default: false },
  },
});
if (!values.url) throw new Error('--url is required');

const rssStartKb = Math.round(process.memoryUsage().rss / 1024);
const masker = new SecretMasker();
const lines: string[] = [];
const log: Logger = { info: (m) => void lines.push(m), warn: (m) => void lines.push(m), debug: () => undefined };
const http = createHttpClient({ masker, log });
const collector = createGitlabCollector(
  { http, log, now: () => new Date(), secret: () => (masker.add(BENCH_TOKEN), BENCH_TOKEN) },
  'gitlab',
  { type: 'gitlab', url: values.url, token_env: 'PULSE_GITLAB_TOKEN' },
  { budget: { concurrency: Number(values.concurrency), requestsPerMinute: 2000 } },
);
const base = { group: BENCH_GROUP, labels: [BENCH_LABEL] };
const kinds = ['merged_mr_authors', 'merged_mrs', ...(values['first-time'] ? ['first_time_contributors'] : [])];

const started = performance.now();
const results = await Promise.all(
  benchPeriods(Number(values.months)).map(async (period) => {
    const outcomes = await Promise.all(kinds.map((kind) => collector.collect({ id: kind, query: gitlabQuerySchema.parse({ kind, ...base }) }, period)));
    return { label: period.label, values: Object.fromEntries(kinds.map((k, i) => [k, outcomes[i]?.value ?? null])) };
  }),
);
const wallMs = performance.now() - started;
const stats = http.stats();
process.stdout.write(`${JSON.stringify({ wallMs, requests: stats.requests, retries: stats.retries, rssStartKb, maxRssKb: process.resourceUsage().maxRSS, results, retryLines: lines.filter((l) => l.includes('retrying') || l.includes('pausing')).length })}\n`);
