// Escaping, one function per output context. Every string that comes from the goals file or an API
// goes through exactly one of these before it reaches a page, a chart label or the email; templates
// place the result and never escape anything themselves (except Handlebars' own HTML escaping in
// the email, which is the HTML context).

/** Unicode bidi isolation (FSI … PDI) around text holding right-to-left letters, so an Arabic or
 * Hebrew name cannot reorder the punctuation and numbers around it in a table row or a sentence. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
export function isolate(text: string): string {
  return RTL.test(text) ? `${FSI}${text}${PDI}` : text;
}

/**
 * Explicit bidi formatting characters: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069), the marks U+200E/U+200F and the Arabic letter mark U+061C. From a name, a unit or
 * an API string they stay open to the end of the line (an override reverses every table cell after
 * it), so they are removed; isolate() adds the only ones the output carries, always balanced.
 */
// eslint-disable-next-line no-misleading-character-class
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Text without explicit bidi controls (see BIDI_CONTROLS). */
export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * One line: newlines, tabs and other control characters (C0, DEL, C1 such as NEL U+0085, and the
 * Unicode line and paragraph separators) become single spaces; explicit bidi controls go.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return stripBidi(text)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Cut to `max` characters (by code point) with an ellipsis, for tables and tiles. An isolate that
 * the cut leaves open is closed again (PDI), so a cut RTL name cannot reorder what follows it.
 */
export function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const kept = chars
    .slice(0, max - 1)
    .join('')
    .trimEnd();
  const open = [...kept].reduce((n, c) => (c === FSI || c === '\u2066' || c === '\u2067' ? n + 1 : c === PDI && n > 0 ? n - 1 : n), 0);
  return `${kept}${PDI.repeat(open)}…`;
}

/**
 * Hugo runs `{{< name >}}` and `{{% name %}}` anywhere in a content file — plain text, inline code
 * and fenced code alike — and fails the build on an unknown name. A zero-width space between the
 * braces and the `<` / `%` keeps the text looking the same while Hugo no longer sees a shortcode.
 * (Hugo's documented comment form needs a well-formed shortcode inside; hostile text is not.)
 */
export function hugoSafe(text: string): string {
  return text.replace(/\{\{(\s*)([<%])/g, '{{\u200b$1$2');
}

/** Markdown punctuation that could start emphasis, code, links, HTML or a table cell. */
const MD_SPECIAL = /[\\`*_[\]<>|~#!{}]/g;

/** Text inside a Markdown paragraph or list item: one line, no markup, no shortcode. */
export function mdText(text: string): string {
  return isolate(
    hugoSafe(
      oneLine(text)
        .replace(/&/g, '&amp;')
        .replace(MD_SPECIAL, (c) => `\\${c}`),
    ),
  );
}

/** A Markdown table cell: as mdText (`|` is escaped there too), never empty so the row keeps its cells. */
export function mdCell(text: string): string {
  const escaped = mdText(text);
  return escaped === '' ? ' ' : escaped;
}

/** `http:` and `https:` URLs only, normalised; anything else (javascript:, data:, relative) → null. */
export function safeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href;
}

/** A Markdown link, or the escaped text alone when the URL is not http(s). */
export function mdLink(text: string, url: string): string {
  const href = safeUrl(url);
  const label = mdText(text);
  if (!href) return label;
  // Parentheses, spaces and angle brackets would end or break the destination.
  const dest = hugoSafe(href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
  return `[${label === '' ? dest : label}](${dest})`;
}

/**
 * A label inside a double-quoted Mermaid string (chart title, axis names, x-axis categories).
 * Mermaid has no escape for `"` there, so quotes become typographic ones; backticks could close
 * the fenced block, so they go too; `%%` starts a Mermaid comment.
 */
export function mermaidLabel(text: string, max = 60): string {
  const cleaned = oneLine(text)
    .replace(/"/g, '”')
    .replace(/`/g, 'ʼ')
    .replace(/%%/g, '% %')
    .replace(/[{}[\]]/g, (c) => ({ '{': '(', '}': ')', '[': '(', ']': ')' })[c] ?? c);
  return hugoSafe(clip(cleaned, max));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML outside templates (SVG labels, alt text built in code). Handlebars escapes the rest. */
export function htmlText(text: string): string {
  return stripBidi(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Plain text (the email's text part, chart labels): one line, RTL isolated, nothing else needed. */
export function plainText(text: string): string {
  return isolate(oneLine(text));
}

/** The characters that start a GitLab reference or mention when a word follows: @user, #issue, !mr, ~label, %milestone, $snippet, &epic, ^commit-ish. */
const GITLAB_REFERENCE = /([@#!~%$&^])(?=[\p{L}\p{N}_"'.-])/gu;
const ZWSP = '\u200b';

/**
 * Text inside GitLab Flavored Markdown (a merge-request description, a note, a table cell): one
 * line, no markup, no HTML, no link or image, no mention (`@all` pings everyone), no reference
 * (`#1`, `!2`), no autolinked URL, and never a quick action (`/close`, `/merge` at a line start).
 * A zero-width space after the trigger character keeps the text readable and inert.
 */
export function forGitlabMarkdown(text: string): string {
  // References first: GitLab finds them in the text after entities are decoded (`&amp;1` is `&1`).
  const escaped = oneLine(text)
    .replace(GITLAB_REFERENCE, `$1${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Emphasis, links and images need these; a code span (backticks) is inert text already.
    .replace(/[\\*_[\]|{}]/g, (c) => `\\${c}`);
  return escaped.startsWith('/') ? `${ZWSP}${escaped}` : escaped;
}

/**
 * A title in a commit message or a merge-request title: one line (a newline would start the body,
 * a NUL cuts the message), at most 120 characters, and no closing pattern that works: `Closes #1`
 * or an issue URL in a commit that lands on the default branch closes that issue.
 */
export function forCommitTitle(text: string): string {
  return clip(
    oneLine(text)
      .replace(/([#!])(?=[\p{N}])/gu, `$1${ZWSP}`)
      .replace(/:\/\//g, `:${ZWSP}//`),
    120,
  );
}

/**
 * A string from an API or a repository inside one log line: ANSI escape sequences (colours, cursor
 * moves that rewrite the line) and every control character go, so the text can neither forge a
 * line of its own (a fake `summary:` or `error:`) nor hide the real one; cut to 200 characters.
 */
export function forLogLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return clip(oneLine(text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b[\s\S]?|\u009b[0-?]*[ -/]*[@-~]/g, '')), 200);
}

/**
 * Text inside Slack mrkdwn (a section's text, a context element): one line; `&`, `<` and `>`
 * escaped as Slack asks (they would start a link, a mention like <!channel> or an entity); a URL's
 * `://` broken by a zero-width space so a name cannot become a link.
 */
export function forSlackMrkdwn(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/:\/\//g, `:${ZWSP}//`);
}

/**
 * Text inside an Adaptive Card TextBlock or Fact, which hosts render as a subset of Markdown: one
 * line, every character that starts emphasis, a link, an image, code, a heading, a quote or a list
 * backslash-escaped (CommonMark escapes), and a URL's `://` broken so it is not linked.
 */
export function forAdaptiveCardMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]()~#>|<!{}]/g, (c) => `\\${c}`)
    .replace(/^([-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d+)\.(?=\s|$)/, '$1\\.')
    .replace(/:\/\//g, `:${ZWSP}//`);
}
