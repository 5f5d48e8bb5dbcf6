// The goals file's location, resolved against the working directory once (src/goals/location.ts),
// and report.templates_dir resolved against the goals file's directory, not the working directory.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goalsLocation, templatesDirOf } from '../../src/goals/location.ts';

const CWD = join('/', 'work', 'repo');

describe('goalsLocation', () => {
  it('resolves a relative --goals against the working directory, an absolute one as it is', () => {
    expect(goalsLocation(CWD, join('config', 'goals.yml'))).toEqual({ path: join(CWD, 'config', 'goals.yml'), dir: join(CWD, 'config') });
    expect(goalsLocation(CWD, join('/', 'elsewhere', 'goals.yml'))).toEqual({ path: join('/', 'elsewhere', 'goals.yml'), dir: join('/', 'elsewhere') });
  });
});

describe('templatesDirOf', () => {
  it('resolves report.templates_dir against the goals file directory, and shows paths from there', () => {
    const location = goalsLocation(CWD, join('config', 'goals.yml'));
    expect(templatesDirOf({ report: { templates_dir: 'templates' } }, location)).toEqual({ dir: join(CWD, 'config', 'templates'), shownFrom: join(CWD, 'config') });
    expect(templatesDirOf({ report: { templates_dir: '../shared/templates' } }, location)).toEqual({ dir: join(CWD, 'shared', 'templates'), shownFrom: join(CWD, 'config') });
  });

  it('is null without report.templates_dir (the package templates)', () => {
    expect(templatesDirOf({ report: {} }, goalsLocation(CWD, 'goals.yml'))).toBeNull();
  });
});
