// Builds the SourceContext each collector receives: the shared HTTP client, and secrets read from
// the env vars the goals file names (registered with the masker before anything can print them).
import { PulseError } from '../errors.ts';
import { type Env, isUnset, unsetEnvFix } from '../env.ts';
import { checkCredentialValues } from '../goals/env-values.ts';
import type { HttpClient } from '../http/types.ts';
import type { Logger } from '../log.ts';
import type { SecretMasker } from '../secrets.ts';
import type { SourceContext } from '../sources/types.ts';

export interface ContextDeps {
  http: HttpClient;
  env: Env;
  masker: SecretMasker;
  log: Logger;
  now: () => Date;
}

export function sourceContext(sourceName: string, deps: ContextDeps): SourceContext {
  return {
    http: deps.http,
    log: deps.log,
    now: deps.now,
    addSecret: (value) => deps.masker.add(value),
    secret(envName) {
      const value = deps.env[envName];
      if (value === undefined || isUnset(deps.env, envName)) {
        throw new PulseError('EENV', `environment variable ${envName} is not set (named by source "${sourceName}")`, unsetEnvFix(envName));
      }
      deps.masker.add(value);
      checkCredentialValues([envName], deps.env);
      return value;
    },
  };
}
