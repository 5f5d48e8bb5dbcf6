// What the goals file may say about a `pypi` source: PyPI Stats (pypistats.org) needs no credential.
// The API's answers are described in responses.ts.
import { z } from 'zod';
import { httpUrl } from '../../fields/fields.ts';
import type { KindTable } from '../types.ts';

/** A PyPI project name (PEP 508: letters, digits, ".", "_", "-"; starting and ending with a letter or digit). */
const projectName = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/, { error: 'must be a PyPI project name like requests or zope.interface' })
  .max(200, { error: 'is too long for a PyPI project name' });

export const pypiConfigSchema = z
  .strictObject({
    type: z.literal('pypi'),
    url: httpUrl('Base URL of PyPI Stats (tests point it at a fake).').default('https://pypistats.org'),
  })
  .describe('PyPI package downloads from PyPI Stats (pypistats.org, public: no credential; the last 180 days only).');
export type PypiConfig = z.infer<typeof pypiConfigSchema>;

export const pypiQuerySchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('downloads'),
      packages: z.array(projectName).min(1).max(50).describe('The PyPI projects whose downloads are added up (with several, the note beside the value gives the figure of each one).'),
      mirrors: z.boolean().default(false).describe('Count downloads by known PyPI mirrors (bandersnatch…) too; default false, as PyPI Stats shows.'),
    })
    .describe('Downloads of the projects from PyPI in the month (PyPI Stats daily counts from the PSF BigQuery data, UTC days, summed); with several, the note gives the figure of each project. Only the last 180 days exist.'),
]);
export type PypiQuery = z.infer<typeof pypiQuerySchema>;

/** How each kind's months make a quarter's or year's total. */
export const pypiKinds: KindTable<PypiQuery> = {
  downloads: { aggregation: 'sum' },
};
