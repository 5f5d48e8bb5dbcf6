// Turns a command definition into a table entry: strict argument parsing with node:util
// parseArgs, `--help` for free, and the parsed values read by the command's own zod schema
// (arguments are a boundary like any other). Bad arguments are a PulseError EARGS (exit 2).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type ExitCode, EXIT } from '../errors.ts';
import { badUsage } from '../errors/args.ts';
import { formatCommandHelp } from './help-text.ts';
import type { Command, CommandContext, CommandHelp, OptionSpec } from './types.ts';

/** Accepted by every command. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'Show this help and exit.' },
  verbose: { type: 'boolean', description: 'Print debug lines, and the stack trace of an internal error.' },
};

export interface CommandDefinition<Values> extends CommandHelp {
  name: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Parses parseArgs' values (option names as keys); defaults live here. */
  values: z.ZodType<Values>;
  run(values: Values, ctx: CommandContext): Promise<ExitCode>;
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
}

export function defineCommand<Values>(def: CommandDefinition<Values>): Command {
  const options = { ...def.options, ...COMMON_OPTIONS };
  const usage = (problem: string) => badUsage({ command: def.name, usage: def.usage, problem });
  const command: Command = {
    name: def.name,
    summary: def.summary,
    usage: def.usage,
    description: def.description,
    examples: def.examples,
    exitCodes: def.exitCodes,
    options,
    async run(argv, ctx) {
      let parsed: ReturnType<typeof parseArgs>;
      try {
        const config = Object.fromEntries(Object.entries(options).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
        parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: false });
      } catch (error) {
        if (!isParseArgsError(error)) throw error;
        // Node's messages run on with advice about `--`; the first sentence is the point.
        const first = error.message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? error.message;
        throw usage(first);
      }
      if (parsed.values.help === true) {
        ctx.stdout.write(formatCommandHelp(command));
        return EXIT.ok;
      }
      const values = def.values.safeParse(parsed.values);
      if (!values.success) {
        const problems = values.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
        throw usage(problems);
      }
      return def.run(values.data, ctx);
    },
  };
  return command;
}

/** Shared zod pieces for option values. */
export const optionValue = {
  verbose: z.boolean().default(false),
  /** An option that names an environment variable (never the secret itself). */
  envName: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable NAME (letters, digits, _), not a token')
    .optional(),
};
