// The environment variables a goals file names: every `*_env` field anywhere in it (sources,
// publish.handbook.token_env, publish.email.smtp.*_env, defaults included), so `check` can say
// which are unset and `run` can register their values with the secret masker.
import { isSecretEnvKey } from '../secrets.ts';
import type { IssuePath } from './issues.ts';

export interface EnvReference {
  name: string;
  /** Where the name is set, e.g. ['sources', 'gitlab', 'token_env']. */
  path: IssuePath;
}

export function envReferences(value: unknown): EnvReference[] {
  const out: EnvReference[] = [];
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...path, index]));
    else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (key.endsWith('_env') && typeof child === 'string') out.push({ name: child, path: [...path, key] });
        else walk(child, [...path, key]);
      }
    }
  };
  walk(value, []);
  return out;
}

/** Distinct env var names, in the order the file first names them. */
export function envNames(value: unknown): string[] {
  return [...new Set(envReferences(value).map((r) => r.name))];
}

/** Env var names whose values are secrets (masked, at least 8 characters): not the SMTP user name. */
export function secretEnvNames(value: unknown): string[] {
  return [
    ...new Set(
      envReferences(value)
        .filter((r) => isSecretEnvKey(String(r.path.at(-1))))
        .map((r) => r.name),
    ),
  ];
}

/** The prefix credential env names must start with unless security.credential_env_prefix says otherwise. */
export const DEFAULT_CREDENTIAL_PREFIX = 'PULSE_';

// Variables the CI runner or a cloud SDK defines: a goals edit must never be able to send them to
// an API. Matched on the whole name (exact) or its start (prefix, ending in "_").
const REFUSED_PREFIXES = ['CI_', 'GITLAB_', 'AWS_', 'AZURE_', 'ARM_', 'GCP_', 'GOOGLE_', 'GCLOUD_', 'CLOUDSDK_', 'DOCKER_', 'KUBE', 'VAULT_', 'NPM_', 'NODE_AUTH_', 'GITHUB_', 'GH_', 'DIGITALOCEAN_', 'HCLOUD_', 'ALIBABA_CLOUD_', 'OCI_', 'TF_'];
const REFUSED_NAMES = new Set(['CI', 'CI_JOB_TOKEN', 'KUBECONFIG', 'SSH_AUTH_SOCK', 'SSH_PRIVATE_KEY', 'HOME', 'PATH', 'TOKEN', 'API_KEY', 'SECRET']);

/** Why a credential env name may not be used, or undefined when it may. */
export function envNameProblem(name: string, prefix: string): string | undefined {
  const refused = REFUSED_NAMES.has(name) || REFUSED_PREFIXES.some((p) => name.startsWith(p));
  if (refused) {
    return `names "${name}", a variable of the CI runner or a cloud provider: community-pulse never sends those to an API (a goals edit could exfiltrate them). Create a dedicated masked variable named ${prefix || DEFAULT_CREDENTIAL_PREFIX}… instead`;
  }
  if (prefix && !name.startsWith(prefix)) {
    return `must start with ${prefix} (got "${name}"): credentials come only from variables created for community-pulse; rename the CI/CD variable, or change security.credential_env_prefix`;
  }
  return undefined;
}
