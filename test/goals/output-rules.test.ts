// Issue 19 items 11–13: the paths the job commits to and the addresses it mails are checked by
// `check` with FILE:LINE:COL. A path that leaves the repository's content (../, absolute, .git/,
// .gitlab-ci.yml, %2e%2e, backslashes, newlines, 5,000 characters) and a PI data file outside
// data/ are refused; a recipient entry holding two addresses is refused.
import { describe, expect, it } from 'vitest';
import { BASE, problemsOf } from './helpers.ts';

// Lines 18–31 (BASE ends at line 16, then its empty last line is line 17).
function withPublish(handbook: Record<string, string>, email: { to?: string[]; cc?: string[]; from?: string; reply_to?: string } = {}): string {
  const hb = { page: 'content/handbook/devrel/_index.md', data_dir: 'data/devrel/pulse', project: 'handbook', ...handbook };
  const mail = { from: 'reports@example.com', to: ['lead@example.com'], ...email };
  return [
    BASE.trimEnd(),
    'publish:', // 17
    '  handbook:', // 18
    ...Object.entries(hb).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`), // 19…
    '  email:',
    `    from: ${JSON.stringify(mail.from)}`,
    ...(mail.reply_to ? [`    reply_to: ${JSON.stringify(mail.reply_to)}`] : []),
    `    to: ${JSON.stringify(mail.to)}`,
    ...(mail.cc ? [`    cc: ${JSON.stringify(mail.cc)}`] : []),
    '',
  ].join('\n');
}

describe('publish paths (items 12, 13)', () => {
  it('the valid example paths pass', () => {
    expect(problemsOf(withPublish({ pi_data: 'data/performance_indicators/devrel.yml' }))).toEqual([]);
  });

  it.each([
    ['../', '../../etc/cron.d/x.md', /climbs out with "\.\."/],
    ['an absolute path', '/etc/passwd.md', /is absolute/],
    ['.git/', '.git/hooks/x.md', /hidden file or folder \(\.git\)/],
    ['%2e%2e', '%2e%2e/%2e%2e/x.md', /percent-encoding/],
    ['a backslash', 'content\\..\\x.md', /backslash/],
    ['a newline', 'content/x\n.md', /line break/],
    ['5,000 characters', `content/${'a'.repeat(5000)}.md`, /5011 characters long; at most 255/],
  ])('page with %s is refused at its position', (_what, page, message) => {
    const problems = problemsOf(withPublish({ page }));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^goals\\.yml:19:11: publish\\.handbook\\.page .*${message.source}`))]);
  });

  it('data_dir is held to the same rules', () => {
    expect(problemsOf(withPublish({ data_dir: '../other-project' }))).toEqual([expect.stringMatching(/^goals\.yml:20:15: publish\.handbook\.data_dir climbs out/)]);
  });

  it('pi_data may name only a YAML file under data/: never .gitlab-ci.yml', () => {
    expect(problemsOf(withPublish({ pi_data: '.gitlab-ci.yml' }))).toEqual([expect.stringMatching(/^goals\.yml:22:14: publish\.handbook\.pi_data names a hidden file or folder \(\.gitlab-ci\.yml\)/)]);
    expect(problemsOf(withPublish({ pi_data: 'config/settings.yml' }))).toEqual([expect.stringMatching(/^goals\.yml:22:14: publish\.handbook\.pi_data must be a file under data\//)]);
  });

  it('report.templates_dir may not point outside (absolute or ..)', () => {
    const text = withPublish({}).replace('  fiscal_year_start: 2\n', '  fiscal_year_start: 2\n  templates_dir: /etc\n');
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^goals\.yml:7:18: report\.templates_dir is absolute/)]);
  });
});

describe('recipients: one address per entry (item 11)', () => {
  it('an entry with two addresses is refused at its position', () => {
    const problems = problemsOf(withPublish({}, { to: ['lead@example.com', 'evil@attacker.example, Boss <boss@example.com>'] }));
    expect(problems).toEqual([expect.stringMatching(/^goals\.yml:24:29: publish\.email\.to\[1\] holds 2 addresses, but each entry must be exactly one address .*its own list entry/)]);
  });

  it('from, reply_to and cc too; a group is refused; a display name is fine', () => {
    const problems = problemsOf(withPublish({}, { from: 'a@example.com; b@example.com', reply_to: 'Team: a@example.com, b@example.com;', cc: ['"Boss, The" <boss@example.com>'] }));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^goals\.yml:23:11: publish\.email\.from holds 2 addresses/), expect.stringMatching(/^goals\.yml:24:15: publish\.email\.reply_to holds 2 addresses/)]));
    expect(problems.filter((p) => p.includes('cc'))).toEqual([]);
  });
});
