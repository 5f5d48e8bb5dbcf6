// The YouTube fakes in one call: Google's token endpoint (test/fakes/google-oauth, with the
// channel owner's refresh token), the Analytics API and the Data API, at the base URLs a test or
// the loopback server (test/fakes/serve.ts) gives them.
import type { RequestHandler } from 'msw';
import { googleOAuthFake } from '../google-oauth/index.ts';
import { youtubeAnalyticsHandlers } from './analytics.ts';
import { youtubeDataHandlers } from './data-api.ts';
import type { YoutubeFake } from './state.ts';

export { youtubeFake, YT_ANALYTICS_SCOPE, type MonthFigures, type YoutubeFake } from './state.ts';
export type { GoogleFault } from './google-errors.ts';

export interface YoutubeFakeUrls {
  analyticsUrl: string;
  dataUrl: string;
  tokenUrl: string;
}

/** Default URLs under one base, matching what a goals file would set for tests or the demo. */
export function youtubeFakeUrls(base: string): YoutubeFakeUrls {
  const b = base.replace(/\/+$/, '');
  return { analyticsUrl: `${b}/youtube-analytics`, dataUrl: `${b}/youtube-data`, tokenUrl: `${b}/google-oauth/token` };
}

export function youtubeHandlers(urls: YoutubeFakeUrls, fake: YoutubeFake): RequestHandler[] {
  const tokenServer = googleOAuthFake({ tokenUrl: urls.tokenUrl, refreshClients: [fake.oauth], now: () => fake.now() });
  fake.tokenServer = tokenServer;
  return [...tokenServer.handlers, ...youtubeAnalyticsHandlers(urls.analyticsUrl, fake), ...youtubeDataHandlers(urls.dataUrl, fake)];
}
