// `check --format junit|codequality` and `--junit/--codequality FILE`: the MR widget's view of the
// same positioned problems the log shows.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCodeQuality, formatJunit, problemsFromDetails } from '../../src/commands/check-reports.ts';
import { cli } from './helpers.ts';

const BROKEN = [
  'version: 1',
  'report:',
  '  title: T',
  '  base_path: /x/',
  '  fiscal_year_start: 13',
  'sources:',
  '  gitlab: { type: gitlab, token_env: PULSE_GITLAB_TOKEN }',
  'metrics:',
  '  - id: a',
  '    name: A & <B>',
  '    definition: A',
  '    source: forum',
  '    query: { kind: merged_mrs, group: g }',
  '',
].join('\n');

function dirWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-check-reports-'));
  writeFileSync(join(dir, 'goals.yml'), text);
  return dir;
}

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

describe('check reports', () => {
  it('splits positioned lines into file, line, column, field and message', () => {
    const problems = problemsFromDetails('conf/goals.yml', [
      'conf/goals.yml:3:3: report.org is required',
      'conf/goals.yml:12:13: metrics[0].source no source named "forum" under sources: (defined: gitlab)',
      'conf/goals.yml:4:1: sources["my forum"].type must be one of gitlab, discourse',
      'conf/goals.yml:2:7: YAML: Nested mappings are not allowed in compact mappings',
      'conf/goals.yml:1:1: the goals file is empty: it needs version, report, sources and metrics',
      'conf/goals.yml:9:3: report YAML: Implicit keys need to be on a single line',
      'conf/templates/page.md.hbs:4:12: unknown helper "fmt"',
      'something without a position',
    ]);
    expect(problems).toEqual([
      { file: 'conf/goals.yml', line: 3, column: 3, path: 'report.org', message: 'is required' },
      { file: 'conf/goals.yml', line: 12, column: 13, path: 'metrics[0].source', message: 'no source named "forum" under sources: (defined: gitlab)' },
      { file: 'conf/goals.yml', line: 4, column: 1, path: 'sources["my forum"].type', message: 'must be one of gitlab, discourse' },
      { file: 'conf/goals.yml', line: 2, column: 7, path: '', message: 'YAML: Nested mappings are not allowed in compact mappings' },
      { file: 'conf/goals.yml', line: 1, column: 1, path: '', message: 'the goals file is empty: it needs version, report, sources and metrics' },
      { file: 'conf/goals.yml', line: 9, column: 3, path: 'report', message: 'YAML: Implicit keys need to be on a single line' },
      { file: 'conf/templates/page.md.hbs', line: 4, column: 12, path: '', message: 'unknown helper "fmt"' },
      { file: 'conf/goals.yml', line: 1, column: 1, path: '', message: 'something without a position' },
    ]);
  });

  it('code quality: GitLab fields, stable fingerprints that ignore the line, unique for repeats, no ./ in paths', () => {
    const a = { file: './goals.yml', line: 3, column: 3, path: 'report.org', message: 'is required' };
    const issues = JSON.parse(formatCodeQuality([a, { ...a, line: 30 }, { ...a, path: '', message: 'YAML: bad' }])) as Issue[];
    expect(issues[0]).toEqual({
      description: 'report.org: is required',
      check_name: 'goals.report',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: 'major',
      location: { path: 'goals.yml', lines: { begin: 3 } },
    });
    expect(issues[1]?.location.lines.begin).toBe(30);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
    expect(issues[2]?.check_name).toBe('goals.file');
    // The same problem moved by an unrelated edit keeps its fingerprint.
    const moved = JSON.parse(formatCodeQuality([{ ...a, line: 7 }])) as Issue[];
    expect(moved[0]?.fingerprint).toBe(issues[0]?.fingerprint);
  });

  it('junit escapes XML and drops control characters', () => {
    const out = formatJunit('goals.yml', [{ file: 'goals.yml', line: 1, column: 2, path: 'report.title', message: 'bad "A & <B>"\u0001' }]);
    expect(out).toContain('<failure message="bad &quot;A &amp; &lt;B&gt;&quot;" type="goals">goals.yml:1:2: report.title bad &quot;A &amp; &lt;B&gt;&quot;</failure>');
    expect(out).not.toContain('\u0001');
  });

  it('a broken file: exit 2, positioned lines on stderr, both reports written in the same run', async () => {
    const dir = dirWith(BROKEN);
    const { code, stdout, stderr } = await cli(['check', '--goals', 'goals.yml', '--junit', 'reports/check.xml', '--codequality', 'reports/quality.json'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('goals.yml:5:22: report.fiscal_year_start must be a month number');
    const issues = JSON.parse(readFileSync(join(dir, 'reports/quality.json'), 'utf8')) as Issue[];
    expect(issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name])).toEqual([
      ['goals.yml', 3, 'goals.report'],
      ['goals.yml', 5, 'goals.report'],
      ['goals.yml', 12, 'goals.metrics'],
    ]);
    const junit = readFileSync(join(dir, 'reports/check.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="community-pulse check" tests="3" failures="3">');
    expect(junit).toContain('name="goals.yml:12:13 metrics[0].source"');
  });

  it('--format codequality prints the JSON on stdout; a valid file gives [] and a passing JUnit case', async () => {
    const dir = dirWith(readFileSync(new URL('../../examples/goals.yml', import.meta.url), 'utf8'));
    const cq = await cli(['check', '--format', 'codequality'], { cwd: dir });
    expect(cq.code).toBe(0);
    expect(JSON.parse(cq.stdout)).toEqual([]);
    expect(cq.stderr).toMatch(/^goals\.yml is valid: \d+ metrics/);
    const junit = await cli(['check', '--format', 'junit'], { cwd: dir });
    expect(junit.stdout).toContain('<testcase classname="community-pulse.check" name="goals.yml is a valid goals file" file="goals.yml"/>');
    expect(junit.stdout).toContain('failures="0"');
  });

  it('a missing file is one problem in the report too', async () => {
    const dir = dirWith('');
    const { code, stdout } = await cli(['check', '--goals', 'nope.yml', '--format', 'codequality'], { cwd: dir });
    expect(code).toBe(2);
    expect((JSON.parse(stdout) as Issue[])[0]?.description).toContain('cannot read the goals file nope.yml');
  });

  it('rejects an unknown format with the choices', async () => {
    const { code, stderr } = await cli(['check', '--format', 'sarif']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected one of text, junit, codequality');
  });
});
