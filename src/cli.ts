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

/** The Node.js major version the CLI needs (package.json engines; import.meta.main and type stripping). */
export const NODE_MAJOR_NEEDED = 24;

/** What to tell someone running an older Node, or null when this one will do. */
export function nodeVersionProblem(version: string): string | null {
  const major = Number(version.split('.')[0]);
  if (Number.isFinite(major) && major >= NODE_MAJOR_NEEDED) return null;
  return `error: community-pulse needs Node.js ${NODE_MAJOR_NEEDED} or later; this is Node.js ${version}\nfix: run it through npm (npm run pulse -- --help), which uses the project's own Node ${NODE_MAJOR_NEEDED}, or install Node.js ${NODE_MAJOR_NEEDED}\n`;
}

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

// Checked before anything runs: on Node 22-23 (which can load this file) import.meta.main is
// undefined, so without this the CLI would silently do nothing. The imports above are the command
// table only; every command loads its own modules when it runs. (Node 20 cannot load a .ts file at
// all; bin/community-pulse.js and the npm scripts state the version there.)
const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(problem);
  process.exit(2);
}
if (import.meta.main) await runCli();
