// Demand generation on Plausible: goal conversions (`events` filtered by `event:goal`) of visits
// whose entry page or UTM tags are DevRel's, hand-counted; one request per range.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { plausibleSource } from '../../../src/sources/plausible/index.ts';
import { plausibleFake, type PlausibleConversion } from '@community-pulse/demo/fakes/plausible/index';
import { server } from '../../msw-server.ts';
import { harness, OCTOBER } from '../discourse/harness.ts';

const URL_ = 'https://plausible.io';
const KEY = 'pk_SECRET_Zq8LmN3vR7tY2wX5cB9d';
const c = (date: string, entryPage: string, count: number, utm: Partial<PlausibleConversion> = {}, goal = 'Signup'): PlausibleConversion => ({ date, goal, entryPage, count, ...utm });
// October: entry /community/ 4; utm youtube/video 3 (entered on /); utm_campaign devrel-heroes 2;
// youtube/social 6 (medium differs: not DevRel's); /pricing 8; goal Trial on /community/ 5.
// September: /community/ 10.
const conversions: PlausibleConversion[] = [
  c('2026-10-03', '/community/heroes', 4),
  c('2026-10-04', '/', 3, { utmSource: 'youtube', utmMedium: 'video' }),
  c('2026-10-05', '/pricing', 2, { utmCampaign: 'devrel-heroes' }),
  c('2026-10-06', '/', 6, { utmSource: 'youtube', utmMedium: 'social' }),
  c('2026-10-07', '/pricing', 8),
  c('2026-10-08', '/community/', 5, {}, 'Trial'),
  c('2026-09-20', '/community/', 10),
];

function setup() {
  const fake = plausibleFake({ url: URL_, siteId: 'about.example.com', keys: [KEY], events: [], conversions });
  server.use(...fake.handlers);
  const h = harness({ PULSE_PLAUSIBLE_KEY: KEY });
  const collector = plausibleSource.createCollector(h.ctx, 'web', { type: 'plausible', url: URL_, site_id: 'about.example.com', api_key_env: 'PULSE_PLAUSIBLE_KEY' });
  return { fake, collector };
}

const QUERY = { kind: 'signups', event: 'Signup', landing_page_prefixes: ['/community/'], source_mediums: ['youtube / video'], campaigns: ['devrel-heroes'] };

describe('plausible signups', () => {
  it('counts the goal’s conversions of DevRel-attributed visits: entry page OR utm source and medium OR campaign', async () => {
    const { collector, fake } = setup();
    // 4 (/community/) + 3 (youtube / video) + 2 (devrel-heroes) = 9.
    expect(await collector.collect({ id: 's', query: QUERY }, OCTOBER)).toEqual({ value: 9, status: 'ok' });
    expect(fake.bodies[0]).toEqual({
      site_id: 'about.example.com',
      metrics: ['events'],
      date_range: ['2026-10-01', '2026-10-31'],
      filters: [
        ['is', 'event:goal', ['Signup']],
        [
          'or',
          [
            ['matches', 'visit:entry_page', ['^/community/']],
            [
              'and',
              [
                ['is', 'visit:utm_source', ['youtube']],
                ['is', 'visit:utm_medium', ['video']],
              ],
            ],
            ['is', 'visit:utm_campaign', ['devrel-heroes']],
          ],
        ],
      ],
    });
  });

  it('asks once for a backfill (time:month) and splits it by month', async () => {
    const { collector, fake } = setup();
    const sep = periodOf({ year: 2026, month: 9 }, 'UTC');
    collector.prefetch?.({ id: 's', query: QUERY }, [sep, OCTOBER]);
    expect(await collector.collect({ id: 's', query: QUERY }, sep)).toEqual({ value: 10, status: 'ok' });
    expect(await collector.collect({ id: 's', query: QUERY }, OCTOBER)).toEqual({ value: 9, status: 'ok' });
    expect(fake.bodies).toHaveLength(1);
  });
});
