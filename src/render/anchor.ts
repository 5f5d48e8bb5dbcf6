// The handbook links to an indicator as `base_path#{{ anchorize .name }}`, so every indicator's
// heading must carry exactly that id. Hugo's anchorize and the ids it gives headings are the same
// function (markup/goldmark/autoid.go, sanitizeAnchorNameWithHook, GitHub style, Hugo 0.111):
// trim surrounding white space; "-" and " " become "-"; letters, decimal digits and "_" are kept,
// lower-cased one code point at a time (Go's simple case mapping); everything else is dropped.
// Heading ids are generated from the heading's Markdown source line and made unique per page by
// appending "-1", "-2", … (idFactory.Generate). test/render/anchor.test.ts checks this against the
// installed hugo.

const KEEP = /^[\p{L}\p{Nd}_]$/u;

/** Go's unicode.ToLower for one code point: JavaScript's full mapping turns "İ" into two. */
function lowerOne(ch: string): string {
  return [...ch.toLowerCase()][0] ?? ch;
}

/** Hugo's `anchorize` (default GitHub-style heading ids). */
export function hugoAnchorize(text: string): string {
  let out = '';
  for (const ch of text.trim()) {
    if (ch === '-' || ch === ' ') out += '-';
    else if (KEEP.test(ch)) out += lowerOne(ch);
  }
  return out;
}

/** The ids Hugo gives a page's headings, in order, so a renderer can predict collisions. */
export class HeadingIds {
  private readonly used = new Set<string>();

  /** Records the id Hugo generates for a heading whose Markdown text is `source`; returns it. */
  auto(source: string): string {
    const base = hugoAnchorize(source) || 'heading';
    let id = base;
    for (let i = 1; this.used.has(id); i++) id = `${base}-${i}`;
    this.used.add(id);
    return id;
  }

  /** Whether `id` is still free on the page. */
  free(id: string): boolean {
    return !this.used.has(id);
  }

  /** Records an explicit `{#id}`. */
  claim(id: string): void {
    this.used.add(id);
  }
}
