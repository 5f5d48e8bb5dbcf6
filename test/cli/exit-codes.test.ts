// Every error code has one documented exit code (src/errors.ts, docs/commands.md "Exit codes"), and the CLI
// ends with it: each code below is produced by spawning the real CLI against a loopback fake.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode, exitCodeFor, PulseError } from '../../src/errors.ts';
import { gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { spawnCli } from '../support/spawn-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const HANDBOOK_TOKEN = 'glpat-Handbook0Token0abcdefgh';
const PROJECT = 'devrel/handbook';
let handbook: ServedFake;
let broken: ServedFake;
let gitlab: ServedFake;

beforeAll(async () => {
  const repo = gitlabRepoFake({ projects: { [PROJECT]: { id: 7, visibility: 'private', branches: { main: {} } } }, tokens: [HANDBOOK_TOKEN] });
  handbook = await serveFake((base) => gitlabRepoHandlers(base, repo));
  // A handbook whose tree listing answers per project: /transient, /html, /rejected.
  broken = await serveFake((base) => [
    http.get(`${base}/api/v4/projects/:project/repository/tree`, ({ params }) => {
      const project = decodeURIComponent(String(params.project));
      if (project === 'transient') return HttpResponse.json({ message: 'busy' }, { status: 503, headers: { 'Retry-After': '86400' } });
      if (project === 'html') return HttpResponse.json({ not: 'a tree' });
      return HttpResponse.json({ message: '400 Bad request - ref is invalid' }, { status: 400 });
    }),
  ]);
  gitlab = await serveFake(() => []);
});

afterAll(async () => {
  await Promise.all([handbook.close(), broken.close(), gitlab.close()]);
});

function goalsFile(options: { handbookUrl?: string; project?: string; gitlabMetric?: boolean; kind?: string; templatesDir?: string } = {}): string {
  return [
    'version: 1',
    `report: { title: DevRel PIs, org: Developer Relations, base_path: /handbook/devrel/, fiscal_year_start: 2, timezone: UTC${options.templatesDir ? `, templates_dir: ${options.templatesDir}` : ''} }`,
    'sources:',
    '  numbers: { type: manual }',
    `  gitlab: { type: gitlab, url: ${gitlab.url}, token_env: PULSE_GITLAB_TOKEN }`,
    'metrics:',
    '  - { id: seats, name: Seats, definition: Counted by hand., source: numbers, query: { kind: value, values: { "2026-10": 3 } }, target: { monthly: 2 } }',
    ...(options.gitlabMetric ? [`  - { id: mrs, name: MRs, definition: Merged MRs., source: gitlab, query: { kind: ${options.kind ?? 'merged_mrs'}, group: gitlab-org }, target: { monthly: 2 } }`] : []),
    ...(options.handbookUrl
      ? ['publish:', '  handbook:', `    url: ${options.handbookUrl}`, `    project: ${options.project ?? PROJECT}`, '    branch: main', '    page: content/pi.md', '    data_dir: data/pulse', '    mode: commit', '    token_env: PULSE_HANDBOOK_TOKEN']
      : []),
    '',
  ].join('\n');
}

interface Scenario {
  goals: string;
  args?: string[];
  env?: Record<string, string>;
  /** Text the error output must contain. */
  says: string;
}

const RUN = ['run', '--period', '2026-10', '--dry-run', '--out', 'out'];

const scenarios = (): Partial<Record<ErrorCode, Scenario>> => ({
  EGOALSINVALID: { goals: goalsFile({ gitlabMetric: true, kind: 'merged_mr' }), says: 'merged_mr' },
  EGOALSREAD: { goals: goalsFile(), args: ['run', '--goals', 'missing.yml', '--dry-run'], says: 'missing.yml' },
  EARGS: { goals: goalsFile(), args: ['run', '--period', '2026-13'], says: 'YYYY-MM' },
  EENV: { goals: goalsFile({ gitlabMetric: true }), says: 'PULSE_GITLAB_TOKEN is not set' },
  EAUTH: { goals: goalsFile({ handbookUrl: handbook.url }), env: { PULSE_HANDBOOK_TOKEN: 'glpat-Refused0Token0abcdefgh' }, says: 'refused the credentials (401)' },
  ENOTFOUND: { goals: goalsFile({ handbookUrl: handbook.url, project: 'devrel/nope' }), env: { PULSE_HANDBOOK_TOKEN: HANDBOOK_TOKEN }, says: 'not found' },
  ETRANSIENT: { goals: goalsFile({ handbookUrl: broken.url, project: 'transient' }), env: { PULSE_HANDBOOK_TOKEN: HANDBOOK_TOKEN }, says: '503' },
  EBADRESPONSE: { goals: goalsFile({ handbookUrl: broken.url, project: 'html' }), env: { PULSE_HANDBOOK_TOKEN: HANDBOOK_TOKEN }, says: 'history listing' },
  EQUERY: { goals: goalsFile({ handbookUrl: broken.url, project: 'rejected' }), env: { PULSE_HANDBOOK_TOKEN: HANDBOOK_TOKEN }, says: 'ref is invalid' },
  ETEMPLATE: { goals: goalsFile({ templatesDir: 'my-templates' }), args: ['check', '--goals', 'goals.yml'], says: 'my-templates' },
  EVERIFY: { goals: goalsFile({ gitlabMetric: true, handbookUrl: handbook.url }), env: { PULSE_HANDBOOK_TOKEN: 'glpat-Refused0Token0abcdefgh' }, says: '2 problems found before collecting' },
});

/** Codes no command line can produce in this release, with why; each is checked in-process below. */
const NOT_FROM_THE_CLI: Partial<Record<ErrorCode, string>> = {
  EPUBLISH: 'this release has no publishing steps',
  EINTERNAL: 'thrown only on broken invariants',
};

describe('exit codes', () => {
  it('has a CLI scenario (or a reason why none exists) for every code in the catalogue', () => {
    expect([...Object.keys(scenarios()), ...Object.keys(NOT_FROM_THE_CLI)].sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('documents every code with its exit code in docs/commands.md, which the README links', () => {
    const root = join(import.meta.dirname, '../..');
    const commands = readFileSync(join(root, 'docs/commands.md'), 'utf8');
    const start = commands.indexOf('\n## Exit codes\n');
    expect(start, 'docs/commands.md has an "Exit codes" section').toBeGreaterThan(-1);
    const exitCodes = commands.slice(start);
    for (const [code, definition] of Object.entries(ERRORS)) expect(exitCodes, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${definition.exit} \\|`));
    // Every exit code the catalogue uses is in the README's one-line summary.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/commands.md#exit-codes)');
    for (const exit of new Set(Object.values(ERRORS).map((d) => d.exit))) expect(readme, `exit ${exit}`).toMatch(new RegExp(`\\*\\*${exit}\\*\\* `));
  });

  for (const code of Object.keys(ERRORS) as ErrorCode[]) {
    if (NOT_FROM_THE_CLI[code]) continue;
    it(`${code} ends the CLI with exit ${ERRORS[code].exit}`, async () => {
      const scenario = scenarios()[code];
      if (!scenario) throw new Error(`no scenario for ${code}`);
      const dir = tempDir('pulse-exit-');
      writeFileSync(join(dir, 'goals.yml'), scenario.goals);
      const before = gitlab.requests.length;
      const result = await spawnCli(scenario.args ?? RUN, dir, scenario.env ?? {});
      expect(result.stderr).toContain(scenario.says);
      expect(result.stderr).toMatch(/^fix: /m);
      expect(result.stderr).not.toContain('internal error');
      expect(result.code, result.stderr).toBe(ERRORS[code].exit);
      // Verification failures happen before anything is collected.
      expect(gitlab.requests.length).toBe(before);
      expect(result.stderr).not.toContain(HANDBOOK_TOKEN);
    });
  }

  it('maps the codes the CLI cannot produce yet, and anything that is not a PulseError', () => {
    expect(exitCodeFor(new PulseError('EPUBLISH', 'handbook commit failed'))).toBe(4);
    expect(exitCodeFor(new PulseError('EINTERNAL', 'broken invariant'))).toBe(1);
    expect(exitCodeFor(new TypeError('x is undefined'))).toBe(1);
  });
});

describe('check --online', () => {
  it('runs the verification and collects nothing: exit 0 when every credential is accepted', async () => {
    const dir = tempDir('pulse-online-');
    writeFileSync(join(dir, 'goals.yml'), goalsFile({ handbookUrl: handbook.url }));
    const result = await spawnCli(['check', '--online'], dir, { PULSE_HANDBOOK_TOKEN: HANDBOOK_TOKEN });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`verified: PULSE_HANDBOOK_TOKEN can read ${PROJECT}`);
    expect(result.stdout).toContain('online: every credential a dry run uses is set and accepted');
    expect(handbook.requests.filter((r) => r.path.includes('/repository/'))).not.toHaveLength(0);
  });

  it('lists every problem at once with its fix and exits 2', async () => {
    const dir = tempDir('pulse-online-');
    writeFileSync(join(dir, 'goals.yml'), goalsFile({ gitlabMetric: true, handbookUrl: handbook.url }));
    const before = gitlab.requests.length;
    const result = await spawnCli(['check', '--online'], dir, { PULSE_HANDBOOK_TOKEN: 'glpat-Refused0Token0abcdefgh' });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('2 problems found before collecting');
    expect(result.stderr).toMatch(/1\. environment variable PULSE_GITLAB_TOKEN is not set[^\n]*\n\s+fix: define PULSE_GITLAB_TOKEN/);
    expect(result.stderr).toMatch(/2\. .*refused the credentials \(401\)[^\n]*\n\s+fix: PULSE_HANDBOOK_TOKEN must hold a token/);
    expect(result.stderr).not.toContain('glpat-Refused0Token0abcdefgh');
    expect(gitlab.requests.length).toBe(before);
  });

  it('does not require the handbook token in a dry run, and does outside one', async () => {
    const dir = tempDir('pulse-online-');
    writeFileSync(join(dir, 'goals.yml'), goalsFile({ handbookUrl: handbook.url }));
    const dry = await spawnCli(['check', '--online'], dir, {});
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('PULSE_HANDBOOK_TOKEN is not set: reading history from the local directory');
    const publishing = await spawnCli(['check', '--online', '--no-dry-run'], dir, {});
    expect(publishing.code, publishing.stderr).toBe(2);
    expect(publishing.stderr).toContain('PULSE_HANDBOOK_TOKEN is not set');
  });
});
