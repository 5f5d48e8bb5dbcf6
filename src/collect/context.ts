// Builds the SourceContext each collector receives: the shared HTTP client, and secrets read from
// the env vars the goals file names (registered with the masker before anything can print them).
import { isUnset } from '../env.ts';
import { envUnset } from '../errors/env.ts';
import { checkCredentialValues } from '../goals/env-values.ts';
import type { SourceContext } from '../sources/types.ts';
import type { Services } from '../services.ts';

export function sourceContext(sourceName: string, deps: Services): SourceContext {
  return {
    http: deps.http,
    log: deps.log,
    now: deps.now,
    addSecret: (value) => deps.masker.add(value),
    secret(envName) {
      const value = deps.env[envName];
      if (value === undefined || isUnset(deps.env, envName)) {
        throw envUnset({ name: envName, namedBy: `source "${sourceName}"` });
      }
      deps.masker.add(value);
      checkCredentialValues([envName], deps.env);
      return value;
    },
  };
}
