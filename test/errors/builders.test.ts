// The catalogue's builders (src/errors/): each makes the whole error, code, message and fix, from
// what the throw site knows. These pin the wording users saw before the builders existed (the
// throw sites used to write it inline) and the few shared tails the families compose.
import { describe, expect, it } from 'vitest';
import { exitCodeFor, isPulseError } from '../../src/errors.ts';
import { badUsage, monthNotEnded } from '../../src/errors/args.ts';
import { envUnset, projectTokenUnset } from '../../src/errors/env.ts';
import { gitlabFieldMissing, gitlabNotFound } from '../../src/errors/gitlab.ts';
import { goalsInvalid, goalsUnreadable } from '../../src/errors/goals.ts';
import { handbookTokenHint, gitlabReadTokenHint } from '../../src/errors/hints.ts';
import { HTTP_FIX, PAGING_FIX } from '../../src/errors/http.ts';
import { changedWhileWriting } from '../../src/errors/publish.ts';
import { reportFix } from '../../src/errors/report.ts';
import { templatesUnusable, templateUncompilable } from '../../src/errors/templates.ts';

const shown = (error: unknown) => {
  if (!isPulseError(error)) throw new Error('not a PulseError');
  return { code: error.code, message: error.message, fix: error.fix, details: error.details, exit: exitCodeFor(error) };
};

describe('the error catalogue builders', () => {
  it('end every bug-report fix the same way', () => {
    expect(reportFix()).toBe('Re-run with --verbose and report it.');
    expect(reportFix({ product: 'GitLab' })).toBe('Re-run with --verbose and report it with the GitLab version.');
    expect(reportFix({ before: 'The API paging did not end' })).toBe('The API paging did not end; re-run with --verbose and report it.');
    expect(reportFix({ before: 'It broke.' })).toBe('It broke. Re-run with --verbose and report it.');
    expect(HTTP_FIX.EBADRESPONSE).toBe('The API answered with a shape community-pulse does not understand (an API change, a proxy or a login page?). Re-run with --verbose and report it.');
    expect(PAGING_FIX.offHost).toBe('The API announced a next page on another host; credentials are not sent there. Re-run with --verbose and report it.');
  });

  it('build GitLab errors with the code, message and fix of the family', () => {
    expect(shown(gitlabNotFound({ root: 'group', path: 'gitlab-org', instance: 'https://gitlab.example' }))).toEqual({
      code: 'ENOTFOUND',
      message: 'GitLab group "gitlab-org" not found or not visible to the token (https://gitlab.example)',
      fix: "Check the group's full path in goals.yml (e.g. gitlab-org, not its display name) and that the token's user can see it.",
      details: [],
      exit: 2,
    });
    expect(shown(gitlabFieldMissing({ what: 'mergeRequests count', root: 'group', path: 'g' })).message).toBe('GitLab returned no mergeRequests count for group "g"');
  });

  it('build environment, argument and goals-file errors', () => {
    expect(shown(envUnset({ name: 'PULSE_X', namedBy: 'source "forum"' }))).toMatchObject({
      code: 'EENV',
      message: 'environment variable PULSE_X is not set (named by source "forum")',
      fix: 'define PULSE_X as a masked CI/CD variable (Settings > CI/CD > Variables), or export it before running locally',
    });
    expect(shown(projectTokenUnset({ env: 'PULSE_HB', project: 'g/hb', need: 'the handbook token is needed to commit to g/hb' })).fix).toBe(
      'Create a project access token in g/hb (Settings → Access tokens) with the api scope and the Developer role (Maintainer to push to a protected branch), and store it in the masked CI/CD variable PULSE_HB.',
    );
    expect(shown(badUsage({ command: 'run', usage: 'community-pulse run [--out DIR]', problem: 'Unknown option --x' }))).toMatchObject({
      message: 'run: Unknown option --x',
      fix: 'usage: community-pulse run [--out DIR]\nrun `community-pulse run --help` for the options and examples',
    });
    expect(shown(monthNotEnded({ flag: '--to', month: '2026-12', latest: '2026-10' })).fix).toBe('give a month up to 2026-10 (the last month that has ended), or omit --to for that month');
    expect(shown(goalsUnreadable({ path: 'no/goals.yml', reason: 'no such file', cause: new Error('ENOENT') })).fix).toBe('pass the file with --goals PATH (default: goals.yml in the current directory); start from examples/goals.yml');
    expect(shown(goalsInvalid({ file: 'goals.yml', details: ['goals.yml:1:1: a'] })).message).toBe('goals.yml is not a valid goals file (1 problem)');
    expect(shown(goalsInvalid({ file: 'goals.yml', details: ['a', 'b'] })).fix).toBe('see examples/goals.yml, or run community-pulse schema');
  });

  it('give every template fix the same way back to the built-in templates', () => {
    expect(shown(templateUncompilable({ file: 't/page.md.hbs', detail: 't/page.md.hbs:3:4: x' }))).toMatchObject({
      fix: 'fix the template at the position shown, or remove it from report.templates_dir to use the built-in one',
      details: ['t/page.md.hbs:3:4: x'],
    });
    expect(shown(templatesUnusable(['a', 'b']))).toMatchObject({ message: '2 templates cannot be used', fix: expect.stringMatching(/, or remove report\.templates_dir to use the built-in ones$/) });
  });

  it('word the GitLab token hints once, with what the token must see', () => {
    expect(gitlabReadTokenHint({ env: 'PULSE_GL' })).toBe('The token in PULSE_GL was refused: it needs the read_api scope (a personal, group or project access token) and must not be expired or revoked.');
    expect(gitlabReadTokenHint({ env: 'PULSE_GL', sees: 'g/p' })).toBe('The token in PULSE_GL was refused: it needs the read_api scope (a personal, group or project access token), must not be expired or revoked, and must be able to see g/p.');
    expect(handbookTokenHint({ env: 'PULSE_HB', project: 'g/hb', writes: false })).toBe('PULSE_HB must hold a token that can read g/hb (scope read_api or api).');
  });

  it('a concurrent writer: one wording for the report branch and the PI data file, exit 4', () => {
    expect(shown(changedWhileWriting({ what: 'main', reason: 'GitLab answered 400' }))).toEqual({
      code: 'EPUBLISH',
      message: 'main changed again while this run was writing (GitLab answered 400)',
      fix: 'Another run or a person is writing there at the same time; re-run the job once they are done.',
      details: [],
      exit: 4,
    });
  });
});
