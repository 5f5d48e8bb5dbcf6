// The environment variables a goals file names: every `*_env` field anywhere in it (sources,
// publish.handbook.token_env, publish.email.smtp.*_env, defaults included), so `check` can say
// which are unset and `run` can register their values with the secret masker.
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
