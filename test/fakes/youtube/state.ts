// The state behind the YouTube fakes: one channel, its OAuth client, the tokens Google would
// accept, its monthly analytics and its lifetime statistics. Tests change fields to script a case.
import type { GoogleFault } from './google-errors.ts';

export interface MonthFigures {
  views: number;
  subscribersGained: number;
  estimatedMinutesWatched: number;
}

export interface YoutubeFake {
  channelId: string;
  oauth: { clientId: string; clientSecret: string; refreshToken: string };
  /** The access token the token endpoint hands out and the Analytics API accepts. */
  accessToken: string;
  apiKey: string;
  /** "YYYY-MM" → that month's figures; months not listed had no activity. */
  months: Record<string, MonthFigures>;
  lifetime: { viewCount: number; subscriberCount: number; videoCount: number; hiddenSubscriberCount: boolean };
  /** Failures to answer, one per request, per API, before answering normally. */
  faults: { token: GoogleFault[]; analytics: GoogleFault[]; data: GoogleFault[] };
  /** Every request each API saw (query strings included: they hold the key, tests check masking). */
  requests: { token: string[]; analytics: string[]; data: string[] };
}

export function youtubeFake(init: Partial<YoutubeFake> = {}): YoutubeFake {
  return {
    channelId: 'UCnMGQ8QHMAnVIsI3xJrihhg',
    oauth: { clientId: '1234567890-fake.apps.googleusercontent.com', clientSecret: 'GOCSPX-fakeClientSecret42', refreshToken: '1//0fakeRefreshToken-Secret' },
    accessToken: 'ya29.fakeAccessToken-Secret',
    apiKey: 'AIzaSyFakeApiKey-Secret0123456789',
    months: {},
    lifetime: { viewCount: 0, subscriberCount: 0, videoCount: 0, hiddenSubscriberCount: false },
    faults: { token: [], analytics: [], data: [] },
    requests: { token: [], analytics: [], data: [] },
    ...init,
  };
}
