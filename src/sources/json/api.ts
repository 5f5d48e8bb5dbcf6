// The one request of a `json` source for a month: the configured URL (and body) with the month's
// dates filled in, the credential in its configured header.
import type { Period } from '../../periods/periods.ts';
import type { SourceContext } from '../types.ts';
import type { JsonConfig } from './config.ts';
import { anyJsonSchema } from './responses.ts';
import { fillBody, fillUrl, templateValues } from './template.ts';

export async function fetchMonth(ctx: SourceContext, name: string, config: JsonConfig, period: Period): Promise<unknown> {
  const values = templateValues(period);
  const headers: Record<string, string> = {};
  if (config.credential_env) headers[config.credential_header] = `${config.credential_prefix}${ctx.secret(config.credential_env)}`;
  const url = fillUrl(config.url, values);
  const res = await ctx.http.request({
    method: config.method,
    url,
    headers,
    ...(config.method === 'POST' ? { json: fillBody(config.body ?? {}, values) } : {}),
    schema: anyJsonSchema,
    maxBodyBytes: config.max_body_bytes,
    what: `JSON source ${name} (${url.host}${url.pathname}) for ${period.label}`,
    authHint: config.credential_env
      ? `${config.credential_env} must hold a credential ${url.host} accepts in the ${config.credential_header} header${config.credential_prefix ? ` after "${config.credential_prefix}"` : ''} (sources.${name}.credential_header and credential_prefix say how it is sent).`
      : `${url.host} wants a credential: set sources.${name}.credential_env to the NAME of a masked CI/CD variable holding it, and credential_header / credential_prefix to how the API reads it.`,
    notFoundHint: `Check sources.${name}.url: ${url.host}${url.pathname} answered 404.`,
  });
  return res.data;
}
