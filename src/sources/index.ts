// The registry of sources: an explicit map, so `check` knows every type and kind, and a test
// asserts that every folder under src/sources/ is registered here (Renovate's datasource api.ts).
import { discourseSource } from './discourse/index.ts';
import { ga4Source } from './ga4/index.ts';
import { gitlabSource } from './gitlab/index.ts';
import { manualSource } from './manual/index.ts';
import { plausibleSource } from './plausible/index.ts';
import { repoFileSource } from './repo-file/index.ts';
import type { RegisteredSource } from './types.ts';
import { youtubeSource } from './youtube/index.ts';

export const sources: ReadonlyMap<string, RegisteredSource> = new Map(
  [gitlabSource, discourseSource, ga4Source, plausibleSource, youtubeSource, repoFileSource, manualSource].map((s) => [s.type, s]),
);

export function sourceFor(type: string): RegisteredSource | undefined {
  return sources.get(type);
}
