// The registry of sources: an explicit list, so `check` knows every type and kind, and a test
// asserts that every folder under src/sources/ is registered here (Renovate's datasource api.ts).
// Everything that lists sources or kinds reads this registry: the goals-file rules, the JSON
// Schema, the definition hash, evaluate's per-release and period totals, the docs tables.
import { discordSource } from './discord/index.ts';
import { discourseSource } from './discourse/index.ts';
import { ga4Source } from './ga4/index.ts';
import { githubSource } from './github/index.ts';
import { gitlabSource } from './gitlab/index.ts';
import { jsonSource } from './json/index.ts';
import { manualSource } from './manual/index.ts';
import { npmSource } from './npm/index.ts';
import { pypiSource } from './pypi/index.ts';
import { plausibleSource } from './plausible/index.ts';
import { repoFileSource } from './repo-file/index.ts';
import type { RegisteredKind, RegisteredSource } from './types.ts';
import { youtubeSource } from './youtube/index.ts';

const registry = new Map<string, RegisteredSource>([gitlabSource, discourseSource, ga4Source, plausibleSource, youtubeSource, repoFileSource, manualSource, npmSource, pypiSource, githubSource, discordSource, jsonSource].map((s) => [s.type, s]));

export const sources: ReadonlyMap<string, RegisteredSource> = registry;

export function sourceFor(type: string): RegisteredSource | undefined {
  return registry.get(type);
}

/** The descriptor of `kind` as source type `type` offers it. */
export function kindFor(type: string, kind: string): RegisteredKind | undefined {
  return registry.get(type)?.kindDescriptors.get(kind);
}

/**
 * Adds a source at run time (a test's fixture source, proving a new source needs nothing but its
 * folder and its line above); returns the function that removes it again.
 */
export function registerSource(source: RegisteredSource): () => void {
  if (registry.has(source.type)) throw new Error(`source type "${source.type}" is already registered`);
  registry.set(source.type, source);
  return () => void registry.delete(source.type);
}
