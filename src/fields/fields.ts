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

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A known-prefix token anywhere inside a longer text (a token pasted into a `definition` leaks as
 * surely as one in a `*_env` field). Only prefixes here: the "long random string" heuristic of
 * looksLikeSecret would flag channel ids and URLs in free text.
 */
const EMBEDDED_SECRET = new RegExp(
  `(?:^|[^A-Za-z0-9_])((?:${SECRET_PREFIXES.filter((p) => p !== '-----BEGIN')
    .map(escapeRe)
    .join('|')})[A-Za-z0-9_\\-./+=]{8,}|-----BEGIN[A-Z ]*PRIVATE KEY-----)`,
);

/** The first known-prefix token inside `text`, or undefined. Callers mask it; never print it. */
export function findEmbeddedSecret(text: string): string | undefined {
  return EMBEDDED_SECRET.exec(text)?.[1];
}

/** One wording for "a credential in a *_env field", so the file-wide scan and the schema agree (and de-duplicate). */
export const SECRET_IN_ENV_FIELD = 'looks like a secret value, not an environment variable name: move it to a masked CI/CD variable and write the variable NAME here (e.g. PULSE_GITLAB_TOKEN)';

/** For a secret pasted anywhere else in the goals file. */
export const SECRET_IN_TEXT = 'contains what looks like a credential: delete it from the goals file (and revoke it: it is in the git history), store it in a masked CI/CD variable and reference the variable NAME in a *_env field';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** A `*_env` field: the NAME of an environment variable that holds a credential. */
export function envVarName(description: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if (looksLikeSecret(value)) {
        ctx.addIssue({ code: 'custom', message: SECRET_IN_ENV_FIELD });
      } else if (!ENV_NAME.test(value)) {
        ctx.addIssue({ code: 'custom', message: `must be an environment variable name like PULSE_GITLAB_TOKEN (upper case, digits, _), got "${value}"` });
      }
    })
    .describe(`${description} Write the NAME of an environment variable (a masked CI/CD variable), never the secret itself.`);
}

export const httpUrl = (description: string) =>
  z
    .string()
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return u.protocol === 'https:' || u.protocol === 'http:';
        } catch {
          return false;
        }
      },
      { error: 'must be an http(s) URL like https://gitlab.com' },
    )
    .describe(description);

export const slug = (description: string) =>
  z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a slug: lower-case letters, digits and single dashes, e.g. forum-mau' })
    .describe(description);

export const nonEmpty = (description: string) => z.string().trim().min(1, { error: 'must not be empty' }).describe(description);

/** Beyond 2^53 a number is no longer exact: a 30-digit target would silently lose digits. */
export const LARGEST_VALUE = Number.MAX_SAFE_INTEGER;

/** What a metric's value or target can be: counts and durations, never negative, exact. */
export const metricAmount = () =>
  z
    .number({ error: 'must be a number' })
    .finite()
    .min(0, { error: 'must not be negative: counts and durations are never below zero (for lower-is-better metrics set direction: lower instead)' })
    .max(LARGEST_VALUE, { error: `is too large to be exact (at most ${LARGEST_VALUE})` });
