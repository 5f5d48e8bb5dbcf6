// What a `json` source accepts as an answer: any JSON document (the query's path picks the number,
// see select.ts), and the number must be a count or amount like any other source's.
import { z } from 'zod';
import { apiCount } from '../boundary.ts';

/**
 * Any JSON document (the client has parsed it already); its shape is the configured API's own. Not
 * z.json(): a number too large for a double (1e400) parses to Infinity, and pickNumber says so in
 * words rather than "Invalid input".
 */
export const anyJsonSchema = z.unknown();
export type AnyJson = z.infer<typeof anyJsonSchema>;

/** The selected value: a JSON number that is finite, not negative and exact. */
export const selectedNumberSchema = apiCount();
export type SelectedNumber = z.infer<typeof selectedNumberSchema>;
