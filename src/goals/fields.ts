// Field schemas shared by the goals file and every source's schema, so a rule (what an env var
// name looks like, what a secret looks like) is written once and reads the same everywhere.
import { z } from 'zod';

/** Prefixes of real credentials; a value starting with one is a pasted secret. */
const SECRET_PREFIXES = ['glpat-', 'gldt-', 'glptt-', 'glrt-', 'glcbt-', 'glsoat-', 'ghp_', 'gho_', 'ghs_', 'github_pat_', 'xoxb-', 'xoxp-', 'AIza', 'ya29.', 'sk_live_', 'sk_test_', '1//', '-----BEGIN'];

/** True for values that look like a credential rather than a name: known prefixes or long random strings. */
export function looksLikeSecret(value: string): boolean {
  if (SECRET_PREFIXES.some((p) => value.startsWith(p))) return true;
  if (value.length >= 20 && !/\s/.test(value)) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(value)).length;
    if (classes === 3) return true;
    if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  }
  return false;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** A `*_env` field: the NAME of an environment variable that holds a credential. */
export function envVarName(description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (looksLikeSecret(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'looks like a secret value, not an environment variable name: move it to a masked CI/CD variable and write the variable NAME here (e.g. PULSE_GITLAB_TOKEN)',
        });
      } else if (!ENV_NAME.test(value)) {
        ctx.addIssue({ code: 'custom', message: `must be an environment variable name like PULSE_GITLAB_TOKEN (upper case, digits, _), got "${value}"` });
      }
    })
    .describe(`${description} Write the NAME of an environment variable (a masked CI/CD variable), never the secret itself.`);
}

export const httpUrl = (description: string) =>
  z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, { error: 'must be an http(s) URL like https://gitlab.com' })
    .describe(description);

export const slug = (description: string) =>
  z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a slug: lower-case letters, digits and single dashes, e.g. forum-mau' })
    .describe(description);

export const nonEmpty = (description: string) => z.string().trim().min(1, { error: 'must not be empty' }).describe(description);
