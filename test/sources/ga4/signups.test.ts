// Demand generation on GA4: `keyEvents:<event>` for sessions that landed on DevRel content or
// users first acquired by its UTM source / medium or campaign, hand-counted; one request per range.
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/periods/periods.ts';
import { ga4Source } from '../../../src/sources/ga4/index.ts';
import { ga4Fake, type KeyEventRecord } from '@community-pulse/demo/fakes/ga4/index';
import { googleOAuthFake } from '@community-pulse/demo/fakes/google-oauth/index';
import { server } from '../../msw-server.ts';
import { PRIVATE_KEY_PEM, publicKey } from '../../support/rsa-key.ts';
import { harness, NOW, OCTOBER } from '../discourse/harness.ts';

const API = 'https://analyticsdata.googleapis.com';
const TOKEN_URL = 'https://oauth2.googleapis.com/token';
const EMAIL = 'pulse-reader@devrel-pulse.iam.gserviceaccount.com';
const credentials = JSON.stringify({ type: 'service_account', project_id: 'p', private_key_id: 'k', private_key: PRIVATE_KEY_PEM, client_email: EMAIL, token_uri: TOKEN_URL });

const ev = (date: string, landingPage: string, count: number, firstUserSourceMedium = '(direct) / (none)', firstUserCampaign = '(direct)', name = 'sign_up'): KeyEventRecord => ({ date, name, landingPage, firstUserSourceMedium, firstUserCampaign, count });
// October: /blog/ landings 3 + 2; youtube / video 4 (landed on /pricing); campaign devrel-heroes 5
// (landed on /); a /blog/ landing that is ALSO from youtube 1 (counted once); /pricing direct 9 (not
// DevRel's); another key event (trial) on /blog/ 7; September /blog/ 11. September: 11.
const keyEvents: KeyEventRecord[] = [
  ev('2026-10-02', '/blog/2026/release?utm_source=x', 3),
  ev('2026-10-09', '/blog/how-we-work', 2),
  ev('2026-10-11', '/pricing', 4, 'youtube / video'),
  ev('2026-10-15', '/', 5, 'newsletter / email', 'devrel-heroes'),
  ev('2026-10-20', '/blog/tips', 1, 'youtube / video'),
  ev('2026-10-21', '/pricing', 9),
  ev('2026-10-22', '/blog/a', 7, '(direct) / (none)', '(direct)', 'start_trial'),
  ev('2026-09-12', '/blog/old', 11),
];

function setup() {
  const oauth = googleOAuthFake({ tokenUrl: TOKEN_URL, serviceAccounts: [{ clientEmail: EMAIL, publicKey }], now: () => NOW });
  const ga4 = ga4Fake({ apiUrl: API, property: '123456789', viewers: [EMAIL], oauth, events: [], keyEvents });
  server.use(...oauth.handlers, ...ga4.handlers);
  const h = harness({ PULSE_GA4_CREDENTIALS: credentials });
  const collector = ga4Source.createCollector(h.ctx, 'web', { type: 'ga4', property: '123456789', credentials_env: 'PULSE_GA4_CREDENTIALS' });
  return { ga4, collector };
}

const QUERY = { kind: 'signups', event: 'sign_up', landing_page_prefixes: ['/blog/'], source_mediums: ['youtube / video'], campaigns: ['devrel-heroes'] };

describe('ga4 signups', () => {
  it('counts the key event of DevRel-attributed sessions: landing page OR source / medium OR campaign', async () => {
    const { collector, ga4 } = setup();
    // 3 + 2 (/blog/) + 4 (youtube / video) + 5 (devrel-heroes) + 1 (/blog/ and youtube: once) = 15.
    expect(await collector.collect({ id: 's', query: QUERY }, OCTOBER)).toEqual({ value: 15, status: 'ok' });
    expect(ga4.bodies[0]).toMatchObject({
      metrics: [{ name: 'keyEvents:sign_up' }],
      dimensions: [{ name: 'yearMonth' }],
      dimensionFilter: {
        orGroup: {
          expressions: [
            { filter: { fieldName: 'landingPagePlusQueryString', stringFilter: { matchType: 'BEGINS_WITH', value: '/blog/', caseSensitive: true } } },
            { filter: { fieldName: 'firstUserSourceMedium', stringFilter: { matchType: 'EXACT', value: 'youtube / video' } } },
            { filter: { fieldName: 'firstUserCampaignName', stringFilter: { matchType: 'EXACT', value: 'devrel-heroes' } } },
          ],
        },
      },
    });
  });

  it('asks once for a backfill and splits it by month', async () => {
    const { collector, ga4 } = setup();
    const sep = periodOf({ year: 2026, month: 9 }, 'UTC');
    collector.prefetch?.({ id: 's', query: QUERY }, [sep, OCTOBER]);
    expect(await collector.collect({ id: 's', query: QUERY }, sep)).toEqual({ value: 11, status: 'ok' });
    expect(await collector.collect({ id: 's', query: QUERY }, OCTOBER)).toEqual({ value: 15, status: 'ok' });
    expect(ga4.bodies).toHaveLength(1);
  });

  it('refuses a signups query that does not say which visits are DevRel’s', () => {
    const parsed = ga4Source.querySchema.safeParse({ kind: 'signups', event: 'sign_up' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('set landing_page_prefixes, source_mediums or campaigns');
  });
});
