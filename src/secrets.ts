// Credential values must never reach stdout, stderr, artifacts, commits, emails or the report.
// Every value read from a secret env var is registered here, and every line we print, every file
// we write and every message we commit or send goes through mask().
//
// Registration is also recorded process-wide: the final `error:` line of the CLI, the source
// boundary (API strings) and the last gate before a commit, an email or a file run where no run's
// masker is in scope, and a secret of this process is a secret wherever it turns up.

const MASK = '[MASKED]';

/**
 * Shortest secret accepted. GitLab refuses to mask a CI/CD variable shorter than 8 characters, and
 * masking a short value turns ordinary words into nonsense ("community-[MASKED]"): a shorter secret
 * is refused as bad input (see shortSecretProblem) instead.
 */
export const MIN_SECRET_LENGTH = 8;

const processSecrets = new Set<string>();

function formsOf(value: string): string[] {
  // URL-encoded and base64 forms leak just as well as the value itself.
  return [value, encodeURIComponent(value), Buffer.from(value).toString('base64')];
}

function maskWith(values: Iterable<string>, text: string): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (out.includes(value)) out = out.split(value).join(MASK);
  }
  return out;
}

export class SecretMasker {
  readonly #values = new Set<string>();

  /** Registers a secret value (and its URL-encoded and base64 forms). Short values are ignored: they are refused at load. */
  add(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    for (const form of formsOf(value)) {
      this.#values.add(form);
      processSecrets.add(form);
    }
  }

  /** Whether `text` contains a registered secret (to refuse sending it where it must not go). */
  carries(text: string): boolean {
    for (const value of this.#values) if (text.includes(value)) return true;
    return false;
  }

  mask(text: string): string {
    return maskWith(this.#values, text);
  }
}

/** Masks every secret registered by any masker of this process (the last gate; the final error line). */
export function maskSecrets(text: string): string {
  return processSecrets.size === 0 ? text : maskWith(processSecrets, text);
}

/** A value with every string inside it masked (JSON-like data: records, API answers, commit actions). */
export function maskDeep<T>(value: T): T {
  if (processSecrets.size === 0) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return maskSecrets(node);
    if (Array.isArray(node)) return node.map(walk);
    // Only plain records are rebuilt: a Date, a Buffer or a class instance is left as it is.
    if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
  };
  return walk(value) as T;
}

/** Text of an error for a log line or a stored record: first line only, masked. */
export function maskedErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return maskSecrets(text.split(/\r?\n/)[0] ?? '');
}

/**
 * Env var keys whose values are NOT secrets (a user name, an OAuth client id is public in every
 * consent screen): they are neither masked nor held to the minimum length, so logs stay readable.
 */
const NOT_SECRET_KEYS = new Set(['username_env']);

/** Whether the value of a `*_env` field with this key is a secret (masked, at least 8 characters). */
export function isSecretEnvKey(key: string): boolean {
  return !NOT_SECRET_KEYS.has(key);
}

/** Why a secret value is too short to be masked, or undefined. Never includes the value. */
export function shortSecretProblem(value: string): string | undefined {
  return value.length < MIN_SECRET_LENGTH ? `is shorter than ${MIN_SECRET_LENGTH} characters, which cannot be masked in logs (GitLab refuses to mask such a variable too): use the real token or password, or a longer one` : undefined;
}

/**
 * Why a credential value cannot be sent in an HTTP header, or undefined when it can. A CR/LF or a
 * character above U+00FF makes fetch throw before sending, which used to look like a network
 * error and was retried; it is a broken environment variable. Never includes the value.
 */
export function credentialValueProblem(value: string): string | undefined {
  // A JSON key file (a GA4 service account) is parsed, not sent as a header: line breaks are fine.
  if (value.trimStart().startsWith('{')) return undefined;
  if (/[\r\n]/.test(value)) return 'contains a line break (CR or LF): a copy-paste of several lines?';
  // Latin-1 is all an HTTP header value can carry; anything above is a paste from a rich editor.
  if (/[^\u0000-\u00ff]/u.test(value)) return 'contains characters above U+00FF (smart quotes, emoji, a non-breaking line separator?), which an HTTP header cannot carry';
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return 'contains control characters';
  return undefined;
}
