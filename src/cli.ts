// The command line: parse the command name, dispatch to the command table, turn failures into
// exit codes and readable messages. Nothing else lives here.
import { commandNamed, commands } from './commands/index.ts';
import { unknownCommand } from './commands/help.ts';
import { formatMainHelp } from './commands/help-text.ts';
import type { CommandContext, Output } from './commands/types.ts';
import { packageVersion } from './commands/version.ts';
import { processEnv } from './env.ts';
import { EXIT, type ExitCode, exitCodeFor, isPulseError } from './errors.ts';
import { maskSecrets } from './secrets.ts';

export type CliContext = Omit<CommandContext, 'verbose'>;

/**
 * How a failure reads: a PulseError never shows a stack; anything else is a bug to report. Every
 * line is masked: an error message may quote an API or SMTP answer that echoed a credential.
 */
export function reportError(error: unknown, output: Output, verbose: boolean): void {
  const stderr: Output = { write: (chunk: string) => output.write(maskSecrets(chunk)) };
  if (isPulseError(error)) {
    stderr.write(`error: ${error.message}\n`);
    for (const line of error.details) stderr.write(`${line}\n`);
    stderr.write(`fix: ${error.fix}\n`);
    return;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  stderr.write(`error: internal error (${message.split('\n')[0]}); this is a bug in community-pulse, please report it with the command you ran${verbose ? '' : ' (add --verbose for the stack trace)'}\n`);
  if (verbose && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
}

/** Runs one command line; returns the exit code instead of exiting, so tests call it in-process. */
export async function main(argv: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const verbose = argv.includes('--verbose');
  const full: CommandContext = { ...ctx, verbose };
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || (first === '--verbose' && rest.length === 0)) {
      // No command at all is a mistake in a script; asking for help is not.
      (first === undefined ? ctx.stderr : ctx.stdout).write(formatMainHelp(commands, ctx.version));
      return first === undefined ? EXIT.badInput : EXIT.ok;
    }
    if (first === '--version' || first === '-V') {
      ctx.stdout.write(`${ctx.version}\n`);
      return EXIT.ok;
    }
    const [name, args] = first === '--verbose' ? [rest[0] ?? '', rest.slice(1)] : [first, rest];
    const command = commandNamed(name);
    if (!command) throw unknownCommand(name, commands);
    return await command.run(args, full);
  } catch (error) {
    reportError(error, ctx.stderr, verbose);
    return exitCodeFor(error);
  }
}

/** The process entry: real streams, env, cwd and clock. Sets the exit code and lets output drain. */
export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: processEnv(),
    cwd: process.cwd(),
    now: () => new Date(),
    version: packageVersion(),
  });
}

if (import.meta.main) await runCli();
