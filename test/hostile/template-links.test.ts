// Issue 19 item 1: a template override is committed as the handbook page, so it must be a regular
// file inside report.templates_dir. A symbolic link to the goals repository's .git/config (which
// holds the handbook token) or to /etc/passwd is refused by `check` and `run` with its position.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/render/templates.ts';
import { runCli } from './spawn.ts';

const TOKEN = 'glpat-Linked0Config0Token0xyz';

function workspace(link: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-links-'));
  const goals = readFileSync(new URL('../../examples/goals.yml', import.meta.url), 'utf8').replace(/^report:.*\n/m, (line) => `${line}  templates_dir: team-templates\n`);
  writeFileSync(join(dir, 'goals.yml'), goals);
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git/config'), `[remote "origin"]\n\turl = https://oauth2:${TOKEN}@gitlab.com/handbook.git\n`);
  mkdirSync(join(dir, 'team-templates/page'), { recursive: true });
  mkdirSync(join(dir, 'team-templates/email'), { recursive: true });
  link(dir);
  return dir;
}

describe('template overrides resolve inside report.templates_dir only', () => {
  it.each([
    ["the repository's .git/config", (dir: string) => symlinkSync(join(dir, '.git/config'), join(dir, 'team-templates/page/page.md.hbs'))],
    ['/etc/passwd', (dir: string) => symlinkSync('/etc/passwd', join(dir, 'team-templates/page/page.md.hbs'))],
    ['a relative link out', (dir: string) => symlinkSync('../../.git/config', join(dir, 'team-templates/page/page.md.hbs'))],
    ['a linked folder', (dir: string) => symlinkSync(join(dir, '.git'), join(dir, 'team-templates/email/email.txt.hbs'))],
    ['a dangling link', (dir: string) => symlinkSync(join(dir, 'nowhere'), join(dir, 'team-templates/page/page.md.hbs'))],
  ])('a link to %s: check exits 2 naming the file, and its text is never read', async (_what, link) => {
    const dir = workspace(link);
    const result = await runCli(['check'], dir);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/team-templates\/(page\/page\.md|email\/email\.txt)\.hbs:1:1: (resolves|is a symbolic link|is not a regular file)/);
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
    expect(result.stderr).not.toContain('root:');
  });

  it('loadTemplates (run, render, preview) refuses the link too', async () => {
    const dir = workspace((d) => symlinkSync(join(d, '.git/config'), join(d, 'team-templates/page/page.md.hbs')));
    await expect(loadTemplates({ overrideDir: join(dir, 'team-templates'), displayBase: dir })).rejects.toMatchObject({
      code: 'ETEMPLATE',
      details: [expect.stringMatching(/^team-templates\/page\/page\.md\.hbs:1:1: resolves \(through a symbolic link\) to a file outside report\.templates_dir/)],
    });
  });

  it('a link between two files inside the directory is fine', async () => {
    const dir = workspace((d) => {
      writeFileSync(join(d, 'team-templates/shared.hbs'), 'TEAM {{title}}\n');
      symlinkSync('../shared.hbs', join(d, 'team-templates/page/page.md.hbs'));
    });
    const set = await loadTemplates({ overrideDir: join(dir, 'team-templates') });
    expect(set.page({ title: 'x' })).toBe('TEAM x\n');
  });
});
