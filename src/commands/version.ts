// The package version, read from package.json beside src/ (or dist/) at run time, so the build
// needs no copy step and the two can never disagree.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const PackageJson = z.object({ version: z.string() });

export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return PackageJson.parse(JSON.parse(text)).version;
}
