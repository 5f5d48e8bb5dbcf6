// Issue 18.9: GitLab access tokens expire (at most a year). Verify reads the handbook token's
// expires_at from GET /personal_access_tokens/self (the fake answers as GitLab's
// doc/api/personal_access_tokens.md shows) and warns from 30 days ahead, in the log and in the run
// summary; an expired token is refused (401) and stops the run with the auth error and its fix.
import { describe, expect, it } from 'vitest';
import { gitlabRepoFake, gitlabRepoHandlers } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { cli } from '../cli/helpers.ts';
import { manualGoals, tempDir } from '../hostile/spawn.ts';
import { server } from '../msw-server.ts';

const HANDBOOK = 'https://handbook.expiry.test';
const TOKEN = 'glpat-HandbookExpiry012345678';
const GOALS = manualGoals({ '2026-10': 5 }, ['publish:', '  handbook:', `    url: ${HANDBOOK}`, '    project: devrel/handbook', '    page: content/pi.md', '    data_dir: data/pulse'].join('\n'));

// The tests' clock is 2026-11-02 (test/support/clock.ts).
function setup(expiresAt: string | null) {
  const fake = gitlabRepoFake({ projects: { 'devrel/handbook': { id: 7, visibility: 'private', branches: { main: { 'README.md': 'hi' } } } }, tokens: [{ value: TOKEN, expiresAt }] });
  server.use(...gitlabRepoHandlers(HANDBOOK, fake));
  return { dir: tempDir({ 'goals.yml': GOALS }), env: { PULSE_HANDBOOK_TOKEN: TOKEN } };
}

describe('handbook token expiry', () => {
  it('expires in 12 days: check --online warns, naming the variable and the date', async () => {
    const { dir, env } = setup('2026-11-14');
    const result = await cli(['check', '--online', '--dry-run'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: verify: PULSE_HANDBOOK_TOKEN expires on 2026-11-14, in 12 days: rotate it');
  });

  it('run repeats the warning in its summary', async () => {
    const { dir, env } = setup('2026-12-01');
    const result = await cli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const summary = result.stderr.slice(result.stderr.indexOf('summary: exit'));
    expect(summary).toContain('warning: summary: PULSE_HANDBOOK_TOKEN expires on 2026-12-01, in 29 days');
  });

  it('more than 30 days ahead, or no expiry date: no warning', async () => {
    for (const expiresAt of ['2026-12-03', null]) {
      const { dir, env } = setup(expiresAt);
      const result = await cli(['check', '--online', '--dry-run'], { cwd: dir, env });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('expires');
    }
  });

  it('expired: the token is refused and the run stops with the auth error and its fix (exit 2)', async () => {
    const { dir, env } = setup('2026-10-31');
    const result = await cli(['check', '--online', '--dry-run'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PULSE_HANDBOOK_TOKEN');
    expect(result.stderr).toMatch(/fix: PULSE_HANDBOOK_TOKEN must hold a token .* If it worked before, it may have expired/);
  });
});
