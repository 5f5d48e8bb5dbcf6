// What GitLab's repository files API answers (the raw file, api.ts) and the shapes read from it
// (entries.ts parses YAML or CSV into them).
import { z } from 'zod';

/** The raw file as GitLab's `/repository/files/:path/raw` returns it. */
export const rawFileSchema = z.string();
export type RawFile = z.infer<typeof rawFileSchema>;

/**
 * A YAML file's top level: a list of entries, or a mapping whose single key holds that list
 * (`activities: [...]`); an empty file is null.
 */
export const yamlRootSchema = z.union([z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);
export type YamlRoot = z.infer<typeof yamlRootSchema>;

/** One entry: a YAML mapping or a CSV row keyed by the header. Other list items have no date. */
export const entrySchema = z.record(z.string(), z.unknown());
export type Entry = z.infer<typeof entrySchema>;
