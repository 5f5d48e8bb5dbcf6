// Issue 18.10: `check` reports everything `run` would refuse without calling anything. A
// publish.email without smtp used to pass `check` and fail only at `run`'s verify step.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoals } from '../../src/goals/load.ts';
import { offlineProblems } from '../../src/pipeline/verify.ts';
import { manualGoals } from '../hostile/spawn.ts';
import { cli } from './helpers.ts';

const NO_SMTP = manualGoals({ '2026-10': 5 }, ['publish:', '  email:', '    from: devrel@example.com', '    to: [a@example.com]'].join('\n'));

function project(goals: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-check-offline-'));
  writeFileSync(join(dir, 'goals.yml'), goals);
  return dir;
}

describe('check runs the offline rules of verify', () => {
  it('publish.email without smtp: check exits 2, positioned, with the fix and in the JUnit report', async () => {
    const dir = project(NO_SMTP);
    const result = await cli(['check', '--junit', 'check.xml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('goals.yml:12:3: publish.email has no smtp server: the email cannot be sent');
    expect(result.stderr).toContain('add publish.email.smtp with host, port, secure');
    expect(readFileSync(join(dir, 'check.xml'), 'utf8')).toContain('failures="1"');
  });

  it('and run refuses the same file at verify (the two agree)', async () => {
    const dir = project(NO_SMTP);
    const result = await cli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('publish.email has no smtp server');
  });

  it('a file with smtp has no offline problem', () => {
    const withSmtp = `${NO_SMTP}\n    smtp: { host: smtp.example.com, port: 587 }\n`;
    expect(offlineProblems(parseGoals(withSmtp, 'goals.yml').goals)).toEqual([]);
    expect(offlineProblems(parseGoals(NO_SMTP, 'goals.yml').goals).map((p) => p.path)).toEqual([['publish', 'email']]);
  });
});
