// Credential values must never reach stdout, stderr, artifacts or the report. Every value read
// from a secret env var is registered here, and every line we print goes through mask().

const MASK = '[MASKED]';

export class SecretMasker {
  readonly #values = new Set<string>();

  /** Registers a secret value (and its URL-encoded and base64 forms, which leak just as well). */
  add(value: string | undefined): void {
    if (!value || value.length < 4) return; // masking "a" would garble every line
    this.#values.add(value);
    this.#values.add(encodeURIComponent(value));
    this.#values.add(Buffer.from(value).toString('base64'));
  }

  /** Whether `text` contains a registered secret (to refuse sending it where it must not go). */
  carries(text: string): boolean {
    for (const value of this.#values) if (text.includes(value)) return true;
    return false;
  }

  mask(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const value of [...this.#values].sort((a, b) => b.length - a.length)) {
      if (out.includes(value)) out = out.split(value).join(MASK);
    }
    return out;
  }
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
