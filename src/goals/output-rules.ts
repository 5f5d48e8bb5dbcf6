// Where a goals file may make the job write and whom it may mail. The page, the data folder, the
// PI data file and the templates folder are paths inside a repository the job commits to with a
// write token: a `../`, an absolute path, a `.git/…` or `.gitlab-ci.yml` target, an encoded or
// multi-line path would let one goals edit overwrite the handbook's CI configuration. Recipients
// are one address per list entry: "a@x, B <b@y>" in one entry showed both in To while the SMTP
// envelope went to the first only. Positioned issues, all at once, like every other rule.
import addressparser from 'nodemailer/lib/addressparser';
import type { GoalsIssue, IssuePath } from './issues.ts';

/** Longest repository path accepted (GitLab's own file paths are far shorter in practice). */
export const MAX_PATH = 255;
/** The folder the PI data file must live in: the handbook's data files, never code or CI config. */
export const PI_DATA_FOLDER = 'data/';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why `path` is not a safe relative path inside a repository, or undefined. */
export function repoPathProblem(path: string): string | undefined {
  const fix = 'use a relative path inside the repository, such as content/handbook/team/kpis/_index.md';
  if (path.length > MAX_PATH) return `is ${path.length} characters long; at most ${MAX_PATH}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(path)) return `contains a line break or a control character; ${fix}`;
  if (path.includes('\\')) return `contains a backslash; separate folders with "/" (${fix})`;
  if (path.includes('%')) return `contains "%": percent-encoding (%2e%2e is "..") is not decoded and not allowed; ${fix}`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return `is absolute; ${fix}`;
  const segments = path.replace(/\/+$/, '').split('/');
  if (segments.some((s) => s === '..')) return `climbs out with ".."; ${fix}`;
  if (segments.some((s) => s === '' || s === '.')) return `has an empty or "." folder; ${fix}`;
  if (segments.some((s) => s.startsWith('.'))) return `names a hidden file or folder (${segments.find((s) => s.startsWith('.'))}): .git, .gitlab-ci.yml and .gitlab/ are never written; ${fix}`;
  if (!/^[\p{L}\p{N}_\-./ +@~]+$/u.test(path)) return `contains characters other than letters, digits, "_", "-", ".", "/", " ", "+", "@" and "~"; ${fix}`;
  return undefined;
}

/** Why a mailbox entry is not exactly one address, or undefined. */
export function mailboxProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains a line break or a control character';
  const parsed = addressparser(value);
  const count = parsed.reduce((n, entry) => n + ('group' in entry && Array.isArray(entry.group) ? Math.max(entry.group.length, 1) : 1), 0);
  if (count !== 1 || parsed.some((entry) => 'group' in entry && Array.isArray(entry.group))) {
    return `holds ${count === 1 ? 'a group' : `${count} addresses`}, but each entry must be exactly one address (the mail would show them all while the SMTP envelope reaches only the first): put each recipient in its own list entry`;
  }
  return undefined; // whether that one address is well formed is the schema's check
}

/** Positioned issues for the publish paths, report.templates_dir and the mail addresses. */
export function outputIssues(raw: Record<string, unknown>): GoalsIssue[] {
  const issues: GoalsIssue[] = [];
  const checkPath = (path: IssuePath, value: unknown, extra?: (v: string) => string | undefined) => {
    if (typeof value !== 'string') return; // the schema reports a missing or non-text path
    const problem = repoPathProblem(value) ?? extra?.(value);
    if (problem) issues.push({ path, message: problem });
  };
  if (isRecord(raw.report)) checkPath(['report', 'templates_dir'], raw.report.templates_dir);
  const publish = isRecord(raw.publish) ? raw.publish : {};
  if (isRecord(publish.handbook)) {
    const hb = publish.handbook;
    checkPath(['publish', 'handbook', 'page'], hb.page);
    checkPath(['publish', 'handbook', 'data_dir'], hb.data_dir);
    checkPath(['publish', 'handbook', 'pi_data'], hb.pi_data, (v) =>
      v.startsWith(PI_DATA_FOLDER) ? undefined : `must be a file under ${PI_DATA_FOLDER} (the handbook's data files, e.g. data/performance_indicators/developer_relations.yml), never code or CI configuration`,
    );
  }
  if (isRecord(publish.email)) {
    const mail = publish.email;
    const checkMailbox = (path: IssuePath, value: unknown) => {
      if (typeof value !== 'string') return;
      const problem = mailboxProblem(value);
      if (problem) issues.push({ path, message: problem });
    };
    checkMailbox(['publish', 'email', 'from'], mail.from);
    checkMailbox(['publish', 'email', 'reply_to'], mail.reply_to);
    for (const key of ['to', 'cc'] as const) {
      const list = mail[key];
      if (Array.isArray(list)) list.forEach((entry, i) => checkMailbox(['publish', 'email', key, i], entry));
    }
  }
  return issues;
}
