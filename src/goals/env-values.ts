// The values of the env vars a goals file names, checked before anything is collected: a broken
// credential is bad input (exit 2, naming the variable), never a "network error" retried 5 times.
import type { Env } from '../env.ts';
import { PulseError } from '../errors.ts';
import { credentialValueProblem, shortSecretProblem } from '../secrets.ts';

/**
 * Throws EENV listing every set variable among `names` whose value cannot be sent, and every one
 * among `secrets` (the names whose values are masked) too short to be masked.
 */
export function checkCredentialValues(names: readonly string[], env: Env, secrets: readonly string[] = names): void {
  const problems: string[] = [];
  for (const name of names) {
    const value = env[name];
    if (value === undefined || value === '') continue; // unset is reported where it is needed
    const problem = credentialValueProblem(value) ?? (secrets.includes(name) ? shortSecretProblem(value) : undefined);
    if (problem) problems.push(`${name} ${problem}`);
  }
  if (problems.length === 0) return;
  throw new PulseError(
    'EENV',
    problems.length === 1 ? `environment variable ${problems[0]}` : `${problems.length} environment variables cannot be used as credentials`,
    'set the variable again to the credential alone: one line, no surrounding quotes or spaces, plain ASCII, at least 8 characters for a token, key or password (in GitLab: Settings > CI/CD > Variables)',
    { details: problems.length === 1 ? [] : problems },
  );
}
