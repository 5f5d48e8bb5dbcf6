// `community-pulse check`: exit 0 with a summary and env warnings, exit 2 with every problem.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { cli } from './helpers.ts';

const TOKEN = 'glpat-CLITESTTOKEN1234567890';

function tempGoals(text: string): { dir: string; file: string } {
  const dir = tempDir('pulse-check-');
  writeFileSync(join(dir, 'goals.yml'), text);
  return { dir, file: join(dir, 'goals.yml') };
}

describe('check', () => {
  it('accepts the example: exit 0, a one-paragraph summary, unset env vars as warnings', async () => {
    const { code, stdout, stderr } = await cli(['check', '--goals', 'examples/goals.yml']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'examples/goals.yml is valid: 23 metrics (4 key) from 7 sources (gitlab, discourse, ga4, plausible, youtube, repo-file, manual). ' +
        'The fiscal year starts in February (fiscal_year_start: 2); months are counted in UTC. ' +
        'The publish: section names the handbook page in gitlab-com/content-sites/handbook (by merge request) and an email to 3 recipients; `run` publishes them (with --dry-run it only writes the report locally).\n' +
        ['contributing-customers', 'mrarr', 'contributing-organisations', 'organisational-diversity']
          .map((id, i) => `note: metrics[${18 + i}] (${id}) is internal (email only, not on the page or in the PI data): it reads the organisations file: customer names and ARR are confidential. Set public: true on it to publish it.\n`)
          .join(''),
    );
    expect(stderr).toContain('warning: 10 environment variables named in examples/goals.yml are not set here');
    expect(stderr).toContain('warning:   PULSE_GITLAB_TOKEN (sources.gitlab.token_env, sources.heroes.token_env)\n');
    expect(stderr).toContain('warning:   PULSE_HANDBOOK_TOKEN (publish.handbook.token_env)\n');
  });

  it('warns only about the env vars that are unset, and never prints their values', async () => {
    const example = readFileSync(new URL('../../examples/goals.yml', import.meta.url), 'utf8');
    const names = [...example.matchAll(/_env: (PULSE_\w+)/g)].map((m) => m[1] ?? '');
    const env = Object.fromEntries(names.filter((n) => n !== 'PULSE_SMTP_PASSWORD').map((n) => [n, TOKEN]));
    const { code, stdout, stderr } = await cli(['check', '--goals', 'examples/goals.yml'], { env });
    expect(code).toBe(0);
    expect(stderr).toBe('warning: 1 environment variable named in examples/goals.yml is not set here; `run` will need it (fine in a merge-request pipeline):\n' + 'warning:   PULSE_SMTP_PASSWORD (publish.email.smtp.password_env)\n');
    expect(stdout + stderr).not.toContain('CLITESTTOKEN');
  });

  it('defaults to goals.yml in the working directory', async () => {
    const example = readFileSync(new URL('../../examples/goals.yml', import.meta.url), 'utf8');
    const { dir } = tempGoals(example);
    const { code, stdout } = await cli(['check'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^goals\.yml is valid: 23 metrics/);
  });

  it('lists every problem, positioned, then the fix; exit 2; no stack trace; the token is not echoed', async () => {
    const { dir } = tempGoals(
      [
        'version: 1',
        'report:',
        '  title: T',
        '  base_path: /x/',
        '  fiscal_year_start: 13',
        'sources:',
        `  gitlab: { type: gitlab, token_env: ${TOKEN} }`,
        'metrics:',
        '  - id: a',
        '    name: A',
        '    definition: A',
        '    source: forum',
        '    query: { kind: merged_mrs, group: g }',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await cli(['check', '--goals', 'goals.yml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'error: goals.yml is not a valid goals file (4 problems)',
        'goals.yml:3:3: report.org is required',
        'goals.yml:5:22: report.fiscal_year_start must be a month number from 1 (January) to 12',
        'goals.yml:7:38: sources.gitlab.token_env looks like a secret value, not an environment variable name: move it to a masked CI/CD variable and write the variable NAME here (e.g. PULSE_GITLAB_TOKEN)',
        'goals.yml:12:13: metrics[0].source no source named "forum" under sources: (defined: gitlab)',
        'fix: see examples/goals.yml, or run community-pulse schema',
        '',
      ].join('\n'),
    );
    expect(stderr).not.toContain('CLITESTTOKEN');
  });

  it('a missing file is exit 2 with a fix, not a stack trace', async () => {
    const { code, stderr } = await cli(['check', '--goals', 'no/such/goals.yml']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: cannot read the goals file no/such/goals.yml: no such file\n' + 'fix: pass the file with --goals PATH (default: goals.yml in the current directory); start from examples/goals.yml\n');
  });

  it('bad arguments: exit 2 with the usage', async () => {
    for (const argv of [
      ['check', '--gaols', 'x.yml'],
      ['check', '--goals'],
      ['check', 'goals.yml'],
    ]) {
      const { code, stderr } = await cli(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toMatch(/^error: check: /);
      expect(stderr).toContain('fix: usage: community-pulse check [--goals FILE] [--format text|junit|codequality] [--junit FILE] [--codequality FILE] [--online [--dry-run | --no-dry-run]]\n');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
