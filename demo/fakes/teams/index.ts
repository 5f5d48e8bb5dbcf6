// A Microsoft Teams webhook (a Workflows "When a Teams webhook request is received" trigger) as the
// references describe it (README.md): POST a `message` with one Adaptive Card attachment to the
// trigger URL (its `sig` query parameter is the secret); 202 Accepted with an empty body when taken;
// a wrong signature is refused (401); a card that breaks the schema is refused (400); throttling is
// 429 with Retry-After.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { teamsMessageErrors } from './validate.ts';

export type TeamsFailure = 'rate_limit' | 'server_error';

export interface TeamsFakeOptions {
  /** e.g. https://prod-00.westeurope.logic.azure.com */
  url: string;
  /** The workflow id and its signature: the trigger URL is {url}/workflows/{id}/triggers/manual/paths/invoke?api-version=2016-06-01&sig={sig}. */
  workflows: Record<string, string>;
}

export interface TeamsFake {
  handlers: RequestHandler[];
  failNext(...failures: TeamsFailure[]): void;
  /** Cards accepted (202), in order. */
  posts: Array<{ workflow: string; message: unknown }>;
  requests: Array<{ workflow: string; status: number; errors?: string[] }>;
}

export function teamsWebhookUrl(base: string, workflow: string, sig: string): string {
  return `${base.replace(/\/+$/, '')}/workflows/${workflow}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`;
}

export function teamsFake(options: TeamsFakeOptions): TeamsFake {
  const queue: TeamsFailure[] = [];
  const posts: TeamsFake['posts'] = [];
  const requests: TeamsFake['requests'] = [];
  const base = options.url.replace(/\/+$/, '');
  const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) => HttpResponse.json({ error: { code, message } }, { status, headers });

  const trigger = http.post(`${base}/workflows/:workflow/triggers/manual/paths/invoke`, async ({ request, params }) => {
    const workflow = String(params.workflow);
    const sig = new URL(request.url).searchParams.get('sig');
    const answer = (response: Response, errors?: string[]) => {
      requests.push({ workflow, status: response.status, ...(errors ? { errors } : {}) });
      return response;
    };
    if (options.workflows[workflow] === undefined || sig !== options.workflows[workflow]) {
      return answer(error(401, 'DirectApiAuthorizationRequired', 'The request must be authenticated only by Shared Access scheme.'));
    }
    const failure = queue.shift();
    if (failure === 'rate_limit') return answer(error(429, 'WorkflowTriggerIsThrottled', 'The workflow trigger is throttled.', { 'Retry-After': '1' }));
    if (failure === 'server_error') return answer(error(502, 'BadGateway', 'The service is unavailable.'));
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return answer(error(400, 'InvalidRequestContent', 'The request content is not valid JSON.'));
    }
    const errors = teamsMessageErrors(body);
    if (errors.length) return answer(error(400, 'InvalidRequestContent', `The card is not valid: ${errors[0] ?? ''}`), errors);
    posts.push({ workflow, message: body });
    return answer(new HttpResponse(null, { status: 202 }));
  });

  return { handlers: [trigger], failNext: (...failures) => void queue.push(...failures), posts, requests };
}
