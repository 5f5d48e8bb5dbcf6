// Each exit code's meaning and each error code's meaning are written once, in src/errors.ts; the
// tables in docs/commands.md are that catalogue, compared here row for row (and `help` reads it too).
// UPDATE_DOCS_TABLES=1 npm exec -- vitest run test/cli/exit-meanings.test.ts rewrites the blocks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { formatCommandHelp, formatMainHelp } from '../../src/commands/help-text.ts';
import { ERRORS, EXIT_MEANINGS } from '../../src/errors.ts';

const DOC = join(import.meta.dirname, '../../docs/commands.md');

function exitTable(): string {
  const rows = Object.entries(EXIT_MEANINGS).map(([code, m]) => `| ${code} | ${m.meaning} | ${m.leaves} |`);
  return ['| code | meaning | what exists afterwards |', '| --- | --- | --- |', ...rows].join('\n');
}

function errorTable(): string {
  const rows = Object.entries(ERRORS).map(([code, d]) => `| \`${code}\` | ${d.exit} | ${d.meaning} |`);
  return ['| error code | exit | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

const blockRe = (name: string) => new RegExp(`(<!-- ${name} -->\\n)([\\s\\S]*?)\\n?(<!-- /${name} -->)`);

describe('exit-code meanings have one home (src/errors.ts)', () => {
  it('docs/commands.md shows the catalogue: the exit-codes table and the error-codes table', () => {
    let text = readFileSync(DOC, 'utf8');
    for (const [name, table] of [
      ['exit-codes-table', exitTable()],
      ['error-codes-table', errorTable()],
    ] as const) {
      const match = blockRe(name).exec(text);
      expect(match, `docs/commands.md has a <!-- ${name} --> block`).not.toBeNull();
      if (process.env.UPDATE_DOCS_TABLES === '1') text = text.replace(blockRe(name), (_all, open: string, _old: string, close: string) => `${open}${table}\n${close}`);
      else expect(match?.[2], `the ${name} block (regenerate: UPDATE_DOCS_TABLES=1 npm exec -- vitest run test/cli/exit-meanings.test.ts)`).toBe(table);
    }
    if (process.env.UPDATE_DOCS_TABLES === '1') writeFileSync(DOC, text);
  });

  it("every command's help states its exit codes with the catalogue's meaning", () => {
    for (const command of commands) {
      const help = formatCommandHelp(command);
      for (const code of command.exitCodes) expect(help, `${command.name} ${code}`).toContain(`${code}  ${EXIT_MEANINGS[code].meaning}`);
    }
    const main = formatMainHelp(commands, '0.0.0');
    for (const [code, m] of Object.entries(EXIT_MEANINGS)) expect(main).toContain(`${code} ${m.label}`);
  });
});
