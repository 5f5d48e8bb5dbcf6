// The generated page carries the sha256 of its own content in its front matter
// (`community_pulse_sha256`), so the next run can tell whether anyone edited it by hand since the
// job wrote it — without reading any other file. A page without the stamp was not written by
// this job (or the stamp was removed): also a hand edit. The PI data file carries the same stamp as
// a YAML comment on its last line (stampData), so a hand edit there is never overwritten silently either.
import { createHash } from 'node:crypto';

const KEY = 'community_pulse_sha256';
const YAML_LINE = new RegExp(`^${KEY}: "?([0-9a-f]{64})"?\\n`, 'm');
const TOML_LINE = new RegExp(`^${KEY} = "([0-9a-f]{64})"\\n`, 'm');
const COMMENT_LINE = new RegExp(`^<!-- ${KEY}: ([0-9a-f]{64}) -->\\n`, 'm');
const YAML_COMMENT_LINE = new RegExp(`^# ${KEY}: ([0-9a-f]{64})\\n`, 'm');

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The page with its stamp: a front-matter field when it has front matter, else a last-line comment. */
export function stampPage(page: string): string {
  const hash = sha256(page);
  for (const fence of ['---', '+++']) {
    if (!page.startsWith(`${fence}\n`)) continue;
    const end = page.indexOf(`\n${fence}\n`, fence.length);
    if (end < 0) continue;
    const line = fence === '---' ? `${KEY}: "${hash}"` : `${KEY} = "${hash}"`;
    return `${page.slice(0, end + 1)}${line}\n${page.slice(end + 1)}`;
  }
  return `${page}${page.endsWith('\n') ? '' : '\n'}<!-- ${KEY}: ${hash} -->\n`;
}

/** A YAML data file (the PI data) with its stamp as a last-line comment: the data is unchanged for its readers. */
export function stampData(yaml: string): string {
  const body = yaml.endsWith('\n') ? yaml : `${yaml}\n`;
  return `${body}# ${KEY}: ${sha256(body)}\n`;
}

export type PageState = { kind: 'generated' } | { kind: 'edited' } | { kind: 'unstamped' };

/** Whether a page (or a stamped data file) in the repository is exactly what the job last wrote. */
export function pageState(current: string): PageState {
  for (const re of [YAML_LINE, TOML_LINE, COMMENT_LINE, YAML_COMMENT_LINE]) {
    const m = re.exec(current);
    if (!m) continue;
    let body = current.slice(0, m.index) + current.slice(m.index + m[0].length);
    // The comment form added a newline when the page had none.
    if (re === COMMENT_LINE && sha256(body) !== m[1] && body.endsWith('\n')) body = body.slice(0, -1);
    return sha256(body) === m[1] ? { kind: 'generated' } : { kind: 'edited' };
  }
  return { kind: 'unstamped' };
}
