// Where a goals file may send credentials: only from env vars with the configured prefix (never the
// CI runner's or a cloud provider's), and only over https:// (plain http only to loopback hosts).
// A goals edit that slips through review must not be able to exfiltrate CI secrets.
import { isLoopbackHost } from '../http/loopback.ts';
import { DEFAULT_CREDENTIAL_PREFIX, envNameProblem, envReferences } from './env-names.ts';
import { looksLikeSecret } from '../fields/fields.ts';
import type { GoalsIssue, IssuePath } from './issues.ts';

/** Why credentials may not be sent to `url`, or undefined when they may. */
export function insecureUrlProblem(url: string): string | undefined {
  const parsed = URL.parse(url);
  if (!parsed) return undefined; // the schema reports malformed URLs
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined;
  return `must use https:// because this source sends credentials (plain ${parsed.protocol.replace(':', '')}:// is allowed only to loopback hosts such as 127.0.0.1)`;
}

function prefixOf(raw: Record<string, unknown>): string {
  const security = raw.security;
  if (typeof security === 'object' && security !== null && 'credential_env_prefix' in security && typeof security.credential_env_prefix === 'string') {
    return security.credential_env_prefix;
  }
  return DEFAULT_CREDENTIAL_PREFIX;
}

/** Every URL-valued field (`url`, `*_url`) under `node`, with its path. */
function urlFields(node: unknown, path: IssuePath, out: Array<{ path: IssuePath; url: string }>): void {
  if (Array.isArray(node)) node.forEach((item, i) => urlFields(item, [...path, i], out));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, child] of Object.entries(node)) {
      if ((key === 'url' || key.endsWith('_url')) && typeof child === 'string') out.push({ path: [...path, key], url: child });
      else urlFields(child, [...path, key], out);
    }
  }
}

/** Positioned issues for the credential rules of a parsed (not yet validated) goals mapping. */
export function credentialIssues(raw: Record<string, unknown>): GoalsIssue[] {
  const issues: GoalsIssue[] = [];
  const prefix = prefixOf(raw);
  for (const ref of envReferences(raw)) {
    // Malformed names and pasted secrets are the schema's to report (once, with its own words).
    if (!/^[A-Z_][A-Z0-9_]*$/.test(ref.name) || looksLikeSecret(ref.name)) continue;
    const problem = envNameProblem(ref.name, prefix);
    if (problem) issues.push({ path: ref.path, message: problem });
  }
  // Each source and each publish target that names a credential may only name https:// URLs.
  const holders: Array<{ path: IssuePath; node: unknown }> = [];
  for (const section of ['sources', 'publish'] as const) {
    const entries = raw[section];
    if (typeof entries === 'object' && entries !== null) {
      for (const [name, node] of Object.entries(entries)) holders.push({ path: [section, name], node });
    }
  }
  for (const { path, node } of holders) {
    if (envReferences(node).length === 0) continue;
    const urls: Array<{ path: IssuePath; url: string }> = [];
    urlFields(node, path, urls);
    for (const field of urls) {
      const problem = insecureUrlProblem(field.url);
      if (problem) issues.push({ path: field.path, message: problem });
    }
  }
  return issues;
}
