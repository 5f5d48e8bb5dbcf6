// The fake GitLab on loopback, in its own process so its memory never counts against a client's.
// Started by bench/run.ts with IPC: prints nothing; sends {type:'ready', url}; answers
// {type:'count'} with the number of API requests it has received.
import { parseArgs } from 'node:util';
import { createFakeGitlab } from '@community-pulse/demo/fakes/gitlab/index';
import { serveFake } from '@community-pulse/demo/fakes/serve';
import { generateWorkload } from './dataset.ts';

const { values } = parseArgs({
  options: {
    months: { type: 'string', default: '24' },
    'mrs-per-month': { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '50' },
  },
});

const { data } = generateWorkload({ months: Number(values.months), mrsPerMonth: Number(values['mrs-per-month']) });
// gitlab.com's per-user limit is enforced, so a client that ignores it meets real 429s.
const fake = createFakeGitlab(data, { record: false, rateLimitPerMinute: 2000 });
const served = await serveFake((base) => fake.handlers(base), { latencyMs: Number(values['latency-ms']) });

process.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && 'type' in message && message.type === 'count') {
    process.send?.({ type: 'count', value: fake.requestCount() });
  }
});
process.on('disconnect', () => {
  void served.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready', url: served.url });
