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

  mask(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const value of [...this.#values].sort((a, b) => b.length - a.length)) {
      if (out.includes(value)) out = out.split(value).join(MASK);
    }
    return out;
  }
}
