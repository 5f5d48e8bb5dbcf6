// What the goals file may say about a `json` source (any HTTPS API that answers JSON) and its
// query kinds. Everything that decides where a request goes, and with which credential, lives in
// the source entry (`sources.<name>`), which a merge-request pipeline takes from the target branch;
// a query only says which number of the answer to read.
import { z } from 'zod';
import { envVarName } from '../../fields/fields.ts';
import { isLoopbackHost } from '../../http/loopback.ts';
import type { KindTable } from '../types.ts';
import { parsePath } from './select.ts';
import { bodyTemplateProblem, urlTemplateProblem } from './template.ts';

const url = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = URL.parse(value);
    if (!parsed || !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)))) {
      ctx.addIssue({ code: 'custom', message: 'must be an https:// URL like https://api.example.com/stats?from={{start}}&to={{end}} (plain http:// only to loopback hosts such as 127.0.0.1)' });
      return;
    }
    if (parsed.username || parsed.password) ctx.addIssue({ code: 'custom', message: 'must not hold a user name or password: put the credential in an env var named by credential_env' });
    const problem = urlTemplateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('The URL to ask, https://. Query-string values may use {{start}} and {{end}} (the month’s first and last day, YYYY-MM-DD) and {{month}} (YYYY-MM).');

/** Headers the client itself sets, or that would change how the request is framed. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'accept', 'accept-encoding', 'expect', 'te', 'upgrade']);

const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'must be an HTTP header name like Authorization or X-Api-Key' })
  .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), { error: 'is a header the HTTP client sets itself: name the header your API reads the credential from, e.g. Authorization or X-Api-Key' })
  .describe('The header that carries the credential (default Authorization).');

export const jsonConfigSchema = z
  .strictObject({
    type: z.literal('json'),
    url,
    method: z.enum(['GET', 'POST']).default('GET').describe('GET (default), or POST with `body`.'),
    body: z
      .json()
      .superRefine((value, ctx) => {
        const problem = bodyTemplateProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional()
      .describe('The JSON body of a POST. String values may use {{start}}, {{end}} and {{month}}.'),
    credential_env: envVarName('Env var holding the credential, sent in credential_header (omit for a public API).').optional(),
    credential_header: headerName.default('Authorization'),
    credential_prefix: z
      .string()
      .max(40)
      .regex(/^[\x21-\x7e ]*$/, { error: 'must be printable ASCII, like "Bearer " or "Token "' })
      .default('')
      .describe('Written before the credential in its header, e.g. "Bearer " (default nothing).'),
    requests_per_minute: z.number().int().min(1).max(6000).optional().describe("The API's documented rate limit (default 60 a minute, two at a time)."),
    max_body_bytes: z
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(1024 * 1024)
      .describe('Answers longer than this are refused (default 1 MB).'),
  })
  .superRefine((config, ctx) => {
    if (config.body !== undefined && config.method !== 'POST') ctx.addIssue({ code: 'custom', path: ['body'], message: 'is only sent with method: POST' });
    if (config.credential_env === undefined && config.credential_prefix !== '') ctx.addIssue({ code: 'custom', path: ['credential_prefix'], message: 'needs credential_env' });
  })
  .describe('Any HTTPS API that answers JSON: one request per month, one number picked from the answer.');
export type JsonConfig = z.infer<typeof jsonConfigSchema>;

const select = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parsePath(value);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  })
  .describe('Where the number is in the answer: $ then .member, [index] or ["member name"], e.g. $.data.total or $.results[0]["new users"].');

export const jsonQuerySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('count'), select }).describe("A count of things that happened in the month, read from the API's answer; a quarter adds its months."),
  z.strictObject({ kind: z.literal('level'), select }).describe("A state at the month's end (members, stars), read from the API's answer; a quarter takes its last month."),
  z.strictObject({ kind: z.literal('value'), select }).describe("Any other figure (a rate, a median, a percentage), read from the API's answer; it has no quarterly or yearly total."),
]);
export type JsonQuery = z.infer<typeof jsonQuerySchema>;

export const jsonKinds: KindTable<JsonQuery> = {
  count: { aggregation: 'sum' },
  level: { aggregation: 'level' },
  value: { aggregation: 'none', why: 'the API gives a figure per month that may be a rate, a median or a percentage, which cannot be added' },
};
