// The command-line family: options that cannot be used as given.
import { PulseError } from '../errors.ts';

/** `--out DIR` cannot take the report (`why`: "is not writable (EACCES)", …). */
export function outDirUnusable(at: { out: string; why: string }): PulseError {
  return new PulseError('EARGS', `--out ${at.out} ${at.why}`, 'give --out a directory you can write to (it is created when missing), e.g. --out pulse-out');
}

/** A command's options do not parse (`problem`); the fix repeats its usage line. */
export function badUsage(at: { command: string; usage: string; problem: string }): PulseError {
  return new PulseError('EARGS', `${at.command}: ${at.problem}`, `usage: ${at.usage}\nrun \`community-pulse ${at.command} --help\` for the options and examples`);
}
