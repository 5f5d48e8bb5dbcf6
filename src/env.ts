// The only module that reads process.env. Everything else receives an Env.
export type Env = Readonly<Record<string, string | undefined>>;

export function processEnv(): Env {
  return Object.freeze({ ...process.env });
}

/** True when the variable is absent or empty (GitLab passes an unset CI/CD variable as ""). */
export function isUnset(env: Env, name: string): boolean {
  const value = env[name];
  return value === undefined || value === '';
}

/** The one fix for an env var the goals file names that is not set: the error catalogue's. */
export { unsetEnvFix } from './errors/env.ts';
