// The npm source against the fake of the downloads API (demo/fakes/npm, README cites the docs).
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { npmSource } from '../../../src/sources/npm/index.ts';
import { packagePath } from '../../../src/sources/npm/api.ts';
import { npmFake } from '@community-pulse/demo/fakes/npm/index';
import { server } from '../../msw-server.ts';
import { failure, harness, OCTOBER } from '../discourse/harness.ts';

const URL_ = 'https://api.npmjs.org';

// widget: Sep 30 → 100, Oct 1 → 3, Oct 31 → 4, Nov 1 → 50, Dec 15 → 9. @acme/cli: Oct 10 → 20.
const packages = {
  widget: { '2026-09-30': 100, '2026-10-01': 3, '2026-10-31': 4, '2026-11-01': 50, '2026-12-15': 9 },
  '@acme/cli': { '2026-10-10': 20 },
};

function setup(lastDay?: string) {
  const fake = npmFake({ url: URL_, packages, ...(lastDay ? { lastDay } : {}) });
  server.use(...fake.handlers);
  const h = harness({});
  const collector = npmSource.createCollector(h.ctx, 'npm', { type: 'npm', url: URL_ });
  const collect = (query: { kind: 'downloads'; packages: string[] }, period = OCTOBER) => collector.collect({ id: 'downloads', query }, period);
  return { fake, collector, collect, ...h };
}

describe('npm source', () => {
  it('sums the days of the month per package and names each package in the note', async () => {
    const { collect, fake } = setup();
    expect(await collect({ kind: 'downloads', packages: ['widget', '@acme/cli'] })).toEqual({
      value: 27,
      status: 'ok',
      note: 'By package: widget 7 · @acme/cli 20.',
    });
    expect(fake.asked.sort()).toEqual(['2026-10-01:2026-10-31/@acme/cli', '2026-10-01:2026-10-31/widget']);
  });

  it('puts scoped names in the path as @scope/name, everything else percent-encoded', () => {
    expect(packagePath('@acme/cli')).toBe('@acme/cli');
    expect(packagePath('a?b#c')).toBe('a%3Fb%23c');
  });

  it('a backfill asks once per package for its run of months (at most 18 a request)', async () => {
    const { collector, fake } = setup();
    const months = [9, 10, 11, 12].map((month) => periodOf({ year: 2026, month }));
    const metric = { id: 'd', query: { kind: 'downloads' as const, packages: ['widget'] } };
    collector.prefetch?.(metric, months);
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([100, 7, 50, 9]);
    expect(fake.asked).toEqual(['2026-09-01:2026-12-31/widget']);
    const long = setup();
    const twoYears = Array.from({ length: 24 }, (_, i) => periodOf({ year: 2025 + Math.floor(i / 12), month: (i % 12) + 1 }));
    long.collector.prefetch?.(metric, twoYears);
    await Promise.all(twoYears.map((p) => long.collector.collect(metric, p)));
    expect(long.fake.asked).toEqual(['2025-01-01:2026-06-30/widget', '2026-07-01:2026-12-31/widget']);
  });

  it('a month npm has not finished counting is unavailable, saying up to which day', async () => {
    const { collect } = setup('2026-10-30');
    const outcome = await collect({ kind: 'downloads', packages: ['widget'] });
    expect(outcome).toMatchObject({ value: null, status: 'unavailable' });
    expect(outcome.reason).toContain('2026-10-30');
  });

  it('an unknown package is ENOTFOUND naming the package', async () => {
    const { collect } = setup();
    const error = await failure(collect({ kind: 'downloads', packages: ['widget', 'no-such-pkg'] }));
    expect(error).toMatchObject({ code: 'ENOTFOUND', status: 404 });
    expect(error.message).toContain('no-such-pkg');
  });

  it('retries a 429 and a 500; a persistent 429 is ETRANSIENT', async () => {
    const once = setup();
    once.fake.failNext('rate_limit', 'server_error');
    expect((await once.collect({ kind: 'downloads', packages: ['widget'] })).value).toBe(7);
    expect(once.http.stats().retries).toBe(2);
    const always = setup();
    always.fake.failNext('rate_limit', 'rate_limit', 'rate_limit', 'rate_limit', 'rate_limit');
    await expect(always.collect({ kind: 'downloads', packages: ['widget'] })).rejects.toMatchObject({ code: 'ETRANSIENT', status: 429 });
  });

  it('an HTML page instead of JSON is EBADRESPONSE', async () => {
    const { collect, fake } = setup();
    fake.failNext('not_json');
    await expect(collect({ kind: 'downloads', packages: ['widget'] })).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('verify asks one day of each package and fails on an unknown one', async () => {
    const { ctx, fake } = setup();
    await npmSource.verify?.(ctx, 'npm', { type: 'npm', url: URL_ }, [{ kind: 'downloads', packages: ['widget', '@acme/cli'] }]);
    expect(fake.asked).toEqual(['2026-10-31:2026-10-31/widget', '2026-10-31:2026-10-31/@acme/cli']);
    await expect(npmSource.verify?.(ctx, 'npm', { type: 'npm', url: URL_ }, [{ kind: 'downloads', packages: ['gone'] }])).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('refuses names that are not npm package names in the goals file', () => {
    const parse = (packages: string[]) => npmSource.querySchema.safeParse({ kind: 'downloads', packages }).success;
    expect(parse(['express', '@scope/name'])).toBe(true);
    expect(parse(['a,b'])).toBe(false);
    expect(parse(['../x'])).toBe(false);
    expect(parse(['<script>'])).toBe(false);
    expect(parse([])).toBe(false);
  });
});
