// `community-pulse help [COMMAND]`: the same text as `--help`, for people who type it that way.
import { z } from 'zod';
import { EXIT, PulseError } from '../errors.ts';
import { defineCommand, optionValue } from './define.ts';
import { formatCommandHelp, formatMainHelp } from './help-text.ts';
import type { Command } from './types.ts';

/** Takes the table lazily: the help command is itself in the table it describes. */
export function createHelpCommand(table: () => readonly Command[]): Command {
  const help = defineCommand({
    name: 'help',
    summary: 'Show the help of a command.',
    usage: 'community-pulse help [COMMAND]',
    description: "Prints the overview, or with --command (or `community-pulse NAME --help`) one command's help.",
    options: { command: { type: 'string', valueName: 'NAME', description: 'The command to explain.' } },
    values: z.object({ command: z.string().optional(), verbose: optionValue.verbose }),
    examples: [{ command: 'community-pulse help check', says: 'Same as `community-pulse check --help`.' }],
    exitCodes: [EXIT.ok, EXIT.badInput],
    async run({ command }, ctx) {
      if (command === undefined) {
        ctx.stdout.write(formatMainHelp(table(), ctx.version));
        return EXIT.ok;
      }
      const found = table().find((c) => c.name === command);
      if (!found) throw unknownCommand(command, table());
      ctx.stdout.write(formatCommandHelp(found));
      return EXIT.ok;
    },
  });
  // `help check` reads better than `help --command check`: accept one bare name too.
  return { ...help, run: (argv, ctx) => help.run(argv.length === 1 && !argv[0]?.startsWith('-') ? ['--command', argv[0] ?? ''] : argv, ctx) };
}

export function unknownCommand(name: string, table: readonly Command[]): PulseError {
  return new PulseError('EARGS', `unknown command "${name}"`, `commands: ${table.map((c) => c.name).join(', ')}; run \`community-pulse --help\``);
}
