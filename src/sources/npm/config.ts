// What the goals file may say about an `npm` source: the downloads API needs no credential.
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { httpUrl } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

/** npm package names: lower case, optionally scoped (@scope/name); no spaces, commas or slashes beyond the scope's. */
const packageName = z
  .string()
  .regex(/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/, { error: 'must be an npm package name like express or @scope/name' })
  .max(214, { error: 'is longer than the 214 characters npm allows' });

export const npmConfigSchema = z
  .strictObject({
    type: z.literal('npm'),
    url: httpUrl('Base URL of the downloads API (tests point it at a fake).').default('https://api.npmjs.org'),
  })
  .describe('npm package downloads (api.npmjs.org, public: no credential).');
export type NpmConfig = z.infer<typeof npmConfigSchema>;

export const npmQuerySchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('downloads'),
      packages: z.array(packageName).min(1).max(50).describe('The packages whose downloads are added up (with several, the note beside the value gives the figure of each one).'),
    })
    .describe("Downloads of the packages from the npm registry in the month (npm's daily counts, UTC days, summed); with several, the note gives the figure of each package."),
]);
export type NpmQuery = z.infer<typeof npmQuerySchema>;

/** How each kind's months make a quarter's or year's total. */
export const npmKinds: KindTable<NpmQuery> = {
  downloads: { aggregation: 'sum' },
};
