// The command table. Adding a command = one file in src/commands/ (its help and option schema;
// the work in a file it imports when it runs, so `--help` stays cheap) + one entry here.
import { backfillCommand } from './backfill.ts';
import { checkCommand } from './check.ts';
import { demoCommand } from './demo.ts';
import { createHelpCommand } from './help.ts';
import { previewCommand } from './preview.ts';
import { runCommand } from './run.ts';
import { schemaCommand } from './schema.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [checkCommand, runCommand, backfillCommand, previewCommand, demoCommand, schemaCommand, createHelpCommand(() => commands)];

export function commandNamed(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
