// Posting one message to a chat incoming webhook (Slack, Microsoft Teams) through the HTTP client,
// never retried: a webhook post cannot be asked about afterwards, so an answer that leaves its fate
// open (a timeout, a network error, a 5xx) is `unknown` and not repeated by itself, and only a 4xx
// (Slack: invalid_payload, action_prohibited, no_service, channel_is_archived, 429) is `failed`.
import { z } from 'zod';
import { isHttpError } from '../../http/errors.ts';
import type { HttpClient } from '../../http/types.ts';

export interface ChatPostResult {
  state: 'sent' | 'failed' | 'unknown';
  /** One line, masked by the client: the status and the service's words. */
  error?: string;
}

/** Webhook answers are short words ("ok", "1", "invalid_blocks") or empty (Teams Workflows' 202). */
const answerSchema = z.string();
const UNKNOWN_5XX = Object.fromEntries([500, 502, 503, 504].map((status) => [status, () => ({ code: 'ETRANSIENT' as const, fix: 'The service may have posted the message anyway: look in the channel; if it is not there, re-run with --resend.' })]));

export async function postToWebhook(http: HttpClient, url: string, payload: unknown, what: string): Promise<ChatPostResult> {
  try {
    await http.request({ method: 'POST', url, json: payload, responseType: 'text', schema: answerSchema, what, retries: 0, maxBodyBytes: 64 * 1024, statusMap: UNKNOWN_5XX });
    return { state: 'sent' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A 4xx is a refusal: nothing was posted. Anything else (5xx, timeout, network) may have posted.
    if (isHttpError(error) && error.status !== undefined && error.status >= 400 && error.status < 500) return { state: 'failed', error: message };
    // Refused before sending (plain http, a host that does not resolve): nothing was posted.
    if (isHttpError(error) && error.status === undefined && error.code !== 'ETRANSIENT') return { state: 'failed', error: message };
    return { state: 'unknown', error: message };
  }
}
