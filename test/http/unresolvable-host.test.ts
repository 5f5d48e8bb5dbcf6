// A mistyped host in goals.yml is a setup error: the real CLI, resolving a name that can never
// exist (.invalid is never delegated), stops in verify with exit 2 and the fix, without retrying
// the name five times and calling it "could not be verified … tried anyway".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const GOALS = [
  'version: 1',
  'report:',
  '  title: DevRel PIs',
  '  org: Developer Relations',
  '  base_path: /handbook/devrel/',
  '  fiscal_year_start: 2',
  '  timezone: UTC',
  'sources:',
  '  gitlab: { type: gitlab, url: "https://gitlab.mistyped-host.invalid", token_env: PULSE_GITLAB_TOKEN }',
  'metrics:',
  '  - id: mrs',
  '    name: Merged MRs',
  '    definition: Merged community MRs.',
  '    source: gitlab',
  '    query: { kind: merged_mrs, group: gitlab-org }',
  '    target: { monthly: 10 }',
  '',
].join('\n');

describe('a host name that does not resolve', () => {
  it('stops the run in verify with exit 2 and a fix naming the URL, after one attempt', async () => {
    const dir = tempDir('pulse-dns-');
    writeFileSync(join(dir, 'goals.yml'), GOALS);
    const run = await spawnCli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], dir, { PULSE_GITLAB_TOKEN: 'glpat-dns-test' }, 60_000);
    expect(run.code, run.stderr).toBe(2);
    const text = run.stdout + run.stderr;
    expect(text).toContain('gitlab.mistyped-host.invalid does not resolve');
    expect(text).toContain('URL in goals.yml');
    expect(text).not.toContain('could not be verified');
    expect(text).not.toContain('retrying');
  });
});
