// GraphQL over the one client: POST {query, variables}. GraphQL reports failures as HTTP 200 with
// `errors`, so a 200 is not success until `errors` is empty; server-side timeouts and "Internal
// server error" in `errors` are retried like a 503, other errors fail as EQUERY. Cursor paging is
// the caller's (each API names its connections differently).
import { z } from 'zod';
import type { BodyProblem, HttpClient } from './types.ts';

export interface GraphqlRequest<T> {
  url: string | URL;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Parses `data` (only the fields you use). */
  dataSchema: z.ZodType<T>;
  what?: string;
  authHint?: string;
  notFoundHint?: string;
}

const GraphqlError = z.object({ message: z.string() });
const Envelope = z.object({ errors: z.array(GraphqlError).optional() });

// GitLab answers a slow query with errors like "Timeout on validation of query" or
// "Internal server error"; trying again later can succeed.
const TRANSIENT = /time(?:d)?\s*out|timeout|internal server error|service unavailable|try again/i;

export function graphqlProblem(body: unknown): BodyProblem | undefined {
  const envelope = Envelope.safeParse(body);
  const errors = envelope.success ? (envelope.data.errors ?? []) : [];
  if (errors.length === 0) return undefined;
  const message = errors
    .slice(0, 3)
    .map((e) => e.message)
    .join('; ');
  return { kind: errors.some((e) => TRANSIENT.test(e.message)) ? 'transient' : 'query', message };
}

export async function graphql<T>(client: HttpClient, req: GraphqlRequest<T>): Promise<T> {
  const response = await client.request({
    method: 'POST',
    url: req.url,
    json: { query: req.query, variables: req.variables ?? {} },
    schema: z.object({ data: req.dataSchema }),
    bodyProblem: graphqlProblem,
    ...(req.headers ? { headers: req.headers } : {}),
    ...(req.what ? { what: req.what } : {}),
    ...(req.authHint ? { authHint: req.authHint } : {}),
    ...(req.notFoundHint ? { notFoundHint: req.notFoundHint } : {}),
  });
  return response.data.data;
}
