// report.templates_dir: a team's own templates are used by run; a missing directory, a template
// with a syntax error, or one that names a field the report does not have is a `check` error
// with FILE:LINE:COL (exit 2), not a crash in the monthly job.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/render/templates.ts';
import { cli, ROOT } from '../cli/helpers.ts';

function workspace(templates: Record<string, string> | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-templates-'));
  const goals = readFileSync(join(ROOT, 'examples/goals.yml'), 'utf8').replace(/^report:.*\n/m, (line) => `${line}  templates_dir: team-templates\n`);
  writeFileSync(join(dir, 'goals.yml'), goals);
  if (templates) {
    for (const [path, text] of Object.entries(templates)) {
      mkdirSync(join(dir, 'team-templates', path, '..'), { recursive: true });
      writeFileSync(join(dir, 'team-templates', path), text);
    }
  }
  return dir;
}

describe('report.templates_dir', () => {
  it('check accepts a valid override', async () => {
    const dir = workspace({ 'page/page.md.hbs': '# {{title}}\n{{#each metrics}}\n## {{name}}\n{{/each}}\n' });
    const result = await cli(['check', '--goals', 'goals.yml'], { cwd: dir });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
  });

  it('check fails with exit 2 when the directory is missing', async () => {
    const dir = workspace(null);
    const result = await cli(['check', '--goals', 'goals.yml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: report.templates_dir team-templates does not exist');
    expect(result.stderr).toMatch(/^fix: create the directory/m);
  });

  it('check names the file, line and column of a syntax error', async () => {
    const dir = workspace({ 'email/email.txt.hbs': 'Subject: {{subject}}\n\n{{#each blocks}}\n  {{heading}\n{{/each}}\n' });
    const result = await cli(['check', '--goals', 'goals.yml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('team-templates/email/email.txt.hbs:4:12: Handlebars syntax error');
  });

  it('check names the file, line and column of a field the report does not have', async () => {
    const dir = workspace({ 'page/page.md.hbs': '# {{title}}\n\n{{#each metrics}}\n- {{nmae}}\n{{/each}}\n' });
    const result = await cli(['check', '--goals', 'goals.yml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('team-templates/page/page.md.hbs:4:5: "nmae" not defined');
  });

  it('render uses the override and the package templates for the files it lacks', async () => {
    const dir = workspace({ 'page/page.md.hbs': 'TEAM PAGE {{title}}\n' });
    const set = await loadTemplates({ overrideDir: join(dir, 'team-templates') });
    expect(set.page({ title: 'x' })).toBe('TEAM PAGE x\n');
    // The email text template still comes from the package.
    expect(() => set.text({})).toThrow(/not defined/);
  });
});
