// The pypi source against the fake of PyPI Stats (demo/fakes/pypi, README cites the API page).
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { pypiSource } from '../../../src/sources/pypi/index.ts';
import { normalizeName } from '../../../src/sources/pypi/api.ts';
import { pypiFake } from '@community-pulse/demo/fakes/pypi/index';
import { server } from '../../msw-server.ts';
import { everythingShown, failure, harness, OCTOBER } from '../discourse/harness.ts';

const URL_ = 'https://pypistats.org';

// Counted up to 2026-11-01; 180 days back is 2026-05-06. acme-sdk: Sep 30 → 100/110, Oct 1 → 3/5,
// Oct 31 → 4/4, Nov 1 → 50/50, May 10 → 7/7. acme-cli: Oct 10 → 20/30.
const projects = {
  'acme-sdk': { '2026-09-30': { without: 100, with: 110 }, '2026-10-01': { without: 3, with: 5 }, '2026-10-31': { without: 4, with: 4 }, '2026-11-01': { without: 50, with: 50 }, '2026-05-10': { without: 7, with: 7 } },
  'acme-cli': { '2026-10-10': { without: 20, with: 30 } },
};

function setup(lastDay = '2026-11-01') {
  const fake = pypiFake({ url: URL_, projects, lastDay });
  server.use(...fake.handlers);
  const h = harness({});
  const collector = pypiSource.createCollector(h.ctx, 'pypi', { type: 'pypi', url: URL_ });
  const collect = (query: { kind: 'downloads'; packages: string[]; mirrors?: boolean }, period = OCTOBER) => collector.collect({ id: 'pypi', query: { mirrors: false, ...query } }, period);
  return { fake, collector, collect, ...h };
}

describe('pypi source', () => {
  it('sums the month without mirrors per project and names each project in the note', async () => {
    const { collect, fake } = setup();
    expect(await collect({ kind: 'downloads', packages: ['Acme_SDK', 'acme-cli'] })).toEqual({
      value: 27,
      status: 'ok',
      note: 'By package: Acme_SDK 7 · acme-cli 20.',
    });
    expect(fake.asked.sort()).toEqual(['/api/packages/acme-cli/overall?mirrors=false', '/api/packages/acme-sdk/overall?mirrors=false']);
  });

  it('counts mirrors when asked', async () => {
    const { collect, fake } = setup();
    expect((await collect({ kind: 'downloads', packages: ['acme-sdk'], mirrors: true })).value).toBe(9);
    expect(fake.asked).toEqual(['/api/packages/acme-sdk/overall?mirrors=true']);
  });

  it('normalises names as PEP 503 does', () => {
    expect(normalizeName('Zope.Interface')).toBe('zope-interface');
    expect(normalizeName('a__b-.c')).toBe('a-b-c');
  });

  it('a backfill costs one request per project: every month of the 180 days comes from it', async () => {
    const { collector, fake } = setup();
    const metric = { id: 'p', query: { kind: 'downloads' as const, packages: ['acme-sdk'], mirrors: false } };
    const months = [6, 7, 8, 9, 10].map((month) => periodOf({ year: 2026, month }));
    expect((await Promise.all(months.map((p) => collector.collect(metric, p)))).map((o) => o.value)).toEqual([0, 0, 0, 100, 7]);
    expect(fake.asked).toHaveLength(1);
  });

  it('a month older than the 180 days, or cut by them, is unavailable and says why', async () => {
    const { collect } = setup();
    const may = await collect({ kind: 'downloads', packages: ['acme-sdk'] }, periodOf({ year: 2026, month: 5 }));
    expect(may).toMatchObject({ value: null, status: 'unavailable' });
    expect(may.reason).toContain('180 days');
    const april = await collect({ kind: 'downloads', packages: ['acme-sdk'] }, periodOf({ year: 2026, month: 4 }));
    expect(april.status).toBe('unavailable');
  });

  it('a month not yet counted to its last day is unavailable', async () => {
    const { collect } = setup('2026-10-30');
    const outcome = await collect({ kind: 'downloads', packages: ['acme-sdk'] });
    expect(outcome).toMatchObject({ value: null, status: 'unavailable' });
    expect(outcome.reason).toContain('2026-10-30');
  });

  it('an unknown project is ENOTFOUND naming it (the HTML 404 page becomes its title)', async () => {
    const { collect } = setup();
    const error = await failure(collect({ kind: 'downloads', packages: ['no-such-project'] }));
    expect(error).toMatchObject({ code: 'ENOTFOUND', status: 404 });
    expect(error.message).toContain('no-such-project');
    expect(everythingShown(error, [])).not.toContain('<h1>');
  });

  it('retries a 429 and a 500; a persistent 429 is ETRANSIENT', async () => {
    const once = setup();
    once.fake.failNext('rate_limit', 'server_error');
    expect((await once.collect({ kind: 'downloads', packages: ['acme-sdk'] })).value).toBe(7);
    const always = setup();
    always.fake.failNext('rate_limit', 'rate_limit', 'rate_limit', 'rate_limit', 'rate_limit');
    await expect(always.collect({ kind: 'downloads', packages: ['acme-sdk'] })).rejects.toMatchObject({ code: 'ETRANSIENT', status: 429 });
  });

  it('an HTML page instead of JSON is EBADRESPONSE', async () => {
    const { collect, fake } = setup();
    fake.failNext('not_json');
    await expect(collect({ kind: 'downloads', packages: ['acme-sdk'] })).rejects.toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('verify asks the small recent answer of each project and fails on an unknown one', async () => {
    const { ctx, fake } = setup();
    await pypiSource.verify?.(ctx, 'pypi', { type: 'pypi', url: URL_ }, [{ kind: 'downloads', packages: ['acme-sdk', 'acme-cli'], mirrors: false }]);
    expect(fake.asked).toEqual(['/api/packages/acme-sdk/recent?period=day', '/api/packages/acme-cli/recent?period=day']);
    await expect(pypiSource.verify?.(ctx, 'pypi', { type: 'pypi', url: URL_ }, [{ kind: 'downloads', packages: ['gone'], mirrors: false }])).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('refuses names that are not PyPI project names', () => {
    const parse = (packages: string[]) => pypiSource.querySchema.safeParse({ kind: 'downloads', packages }).success;
    expect(parse(['requests', 'zope.interface'])).toBe(true);
    expect(parse(['../x'])).toBe(false);
    expect(parse(['a b'])).toBe(false);
    expect(parse(['<img src=x>'])).toBe(false);
  });
});
