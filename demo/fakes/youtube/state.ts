// The state behind the YouTube fakes: one channel, the OAuth client its owner authorised, its
// monthly analytics and its lifetime statistics. Tests change fields to script a case.
import type { GoogleOAuthFake } from '../google-oauth/index.ts';
import type { GoogleFault } from './google-errors.ts';

export const YT_ANALYTICS_SCOPE = 'https://www.googleapis.com/auth/yt-analytics.readonly';
/** reports.query now also requires this scope (see README.md). */
export const YT_READONLY_SCOPE = 'https://www.googleapis.com/auth/youtube.readonly';

export interface MonthFigures {
  views: number;
  subscribersGained: number;
  estimatedMinutesWatched: number;
}

export interface YoutubeFake {
  channelId: string;
  /**
   * The OAuth client and the refresh token an account granted, with its scopes and the channel
   * that account owns (`channel==MINE` and `channels?mine=true` answer for that channel).
   */
  oauth: { clientId: string; clientSecret: string; refreshToken: string; scopes: string[]; ownedChannelId?: string };
  apiKey: string;
  /** The clock of the token endpoint (token expiry). */
  now(): Date;
  /** The token endpoint (test/fakes/google-oauth), set by youtubeHandlers: it knows the issued tokens. */
  tokenServer?: GoogleOAuthFake;
  /** "YYYY-MM" → that month's figures; months not listed had no activity. */
  months: Record<string, MonthFigures>;
  lifetime: { viewCount: number; subscriberCount: number; videoCount: number; hiddenSubscriberCount: boolean };
  /** Failures to answer, one per request, per API, before answering normally. */
  faults: { analytics: GoogleFault[]; data: GoogleFault[] };
  /** Every request each API saw (query strings included: they hold the key, tests check masking). */
  requests: { analytics: string[]; data: string[] };
}

export function youtubeFake(init: Partial<YoutubeFake> = {}): YoutubeFake {
  return {
    channelId: 'UCnMGQ8QHMAnVIsI3xJrihhg',
    oauth: {
      clientId: '1234567890-fake.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-fakeClientSecret42',
      refreshToken: '1//0fakeRefreshToken-Secret',
      scopes: [YT_ANALYTICS_SCOPE, YT_READONLY_SCOPE],
    },
    apiKey: 'AIzaSyFakeApiKey-Secret0123456789',
    now: () => new Date('2026-11-02T06:00:00Z'),
    months: {},
    lifetime: { viewCount: 0, subscriberCount: 0, videoCount: 0, hiddenSubscriberCount: false },
    faults: { analytics: [], data: [] },
    requests: { analytics: [], data: [] },
    ...init,
  };
}

/** The channel the OAuth grant's account owns: `oauth.ownedChannelId`, by default the fake's channel. */
export function ownedChannel(fake: YoutubeFake): string {
  return fake.oauth.ownedChannelId ?? fake.channelId;
}
