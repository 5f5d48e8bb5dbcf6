// GraphQL: a 200 is a success only without `errors`; timeouts in `errors` are retried.
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError } from '../../src/http/errors.ts';
import { graphql } from '../../src/http/graphql.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';

const URL_GQL = 'https://gitlab.example.com/api/graphql';
const Data = z.object({ group: z.object({ mergeRequests: z.object({ count: z.number() }) }).nullable() });
const QUERY = 'query($path: ID!) { group(fullPath: $path) { mergeRequests(state: merged) { count } } }';

function answers(...bodies: JsonBodyType[]) {
  const requests: unknown[] = [];
  server.use(
    http.post(URL_GQL, async ({ request }) => {
      requests.push(await request.json());
      return HttpResponse.json(bodies[Math.min(requests.length - 1, bodies.length - 1)]);
    }),
  );
  return requests;
}

describe('graphql', () => {
  it('POSTs {query, variables} and returns parsed data', async () => {
    const requests = answers({ data: { group: { mergeRequests: { count: 171 } } } });
    const { client } = testClient();
    const data = await graphql(client, { url: URL_GQL, query: QUERY, variables: { path: 'gitlab-org' }, dataSchema: Data });
    expect(data.group?.mergeRequests.count).toBe(171);
    expect(requests).toEqual([{ query: QUERY, variables: { path: 'gitlab-org' } }]);
  });

  it('errors in a 200 are EQUERY with the API messages, not retried', async () => {
    const requests = answers({
      errors: [{ message: "Field 'labels' doesn't accept argument 'foo'", locations: [{ line: 1, column: 40 }], path: ['query', 'group'] }],
    });
    const { client } = testClient();
    const error = await graphql(client, { url: URL_GQL, query: QUERY, dataSchema: Data, what: 'GitLab merged MRs' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('EQUERY');
    expect((error as HttpError).message).toBe("GitLab merged MRs: gitlab.example.com rejected the query: Field 'labels' doesn't accept argument 'foo'");
    expect(requests).toHaveLength(1);
  });

  it('a timeout reported in errors is retried, then succeeds', async () => {
    const requests = answers({ data: null, errors: [{ message: 'Timeout on validation of query' }] }, { errors: [{ message: 'Internal server error' }] }, { data: { group: null } });
    const { client, log, sleeps } = testClient();
    const data = await graphql(client, { url: URL_GQL, query: QUERY, dataSchema: Data });
    expect(data.group).toBeNull();
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
    expect(log.lines).toContain('retrying in 250ms: 200 with an error in the body from gitlab.example.com ("Timeout on validation of query"; POST gitlab.example.com/api/graphql; attempt 2 of 5)');
  });

  it('a timeout that persists ends as ETRANSIENT', async () => {
    answers({ errors: [{ message: 'Query timed out' }] });
    const { client } = testClient({ maxRetries: 1 });
    const error = await graphql(client, { url: URL_GQL, query: QUERY, dataSchema: Data }).catch((e: unknown) => e);
    expect((error as HttpError).code).toBe('ETRANSIENT');
    expect((error as HttpError).message).toContain('after 2 attempts: Query timed out');
  });

  it('data of the wrong shape is EBADRESPONSE', async () => {
    answers({ data: { group: { mergeRequests: { count: 'many' } } } });
    const { client } = testClient();
    const error = await graphql(client, { url: URL_GQL, query: QUERY, dataSchema: Data }).catch((e: unknown) => e);
    expect((error as HttpError).code).toBe('EBADRESPONSE');
    expect((error as HttpError).message).toContain('data.group.mergeRequests.count');
  });
});
