// What a command is: a name, its help text, its options, and a run function that receives
// everything it may touch (output streams, env, cwd, clock) so tests call it in-process.
import type { ProcessContext } from '../services.ts';
import type { ExitCode } from '../errors.ts';

export type { Output } from '../services.ts';

/** What a command receives: the process context (src/services.ts). */
export type CommandContext = ProcessContext;

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in help: `--goals FILE`. */
  valueName?: string;
  description: string;
}

export interface Example {
  command: string;
  says: string;
}

export interface CommandHelp {
  /** One line for `community-pulse --help`. */
  summary: string;
  /** e.g. `community-pulse check [--goals FILE]` */
  usage: string;
  /** What it does, in a paragraph or two. */
  description: string;
  examples: readonly Example[];
  /** The codes it can end with; what each means is in src/errors.ts EXIT_MEANINGS (one place). */
  exitCodes: readonly ExitCode[];
}

/** A command as the table holds it; `run` gets the raw arguments after the command name. */
export interface Command extends CommandHelp {
  name: string;
  options: Readonly<Record<string, OptionSpec>>;
  run(argv: readonly string[], ctx: CommandContext): Promise<ExitCode>;
}
