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

/** `flag` names a month that has not ended (`latest`: the last one that has, as YYYY-MM). */
export function monthNotEnded(at: { flag: string; month: string; latest: string }): PulseError {
  return new PulseError('EARGS', `${at.flag} ${at.month} is in the future or has not ended yet`, `give a month up to ${at.latest} (the last month that has ended), or omit ${at.flag} for that month`);
}

/** backfill --from after --to. */
export function backfillReversed(at: { from: string; to: string }): PulseError {
  return new PulseError('EARGS', `backfill: --from ${at.from} is after --to ${at.to}`, 'give --from a month before --to (both YYYY-MM)');
}

/** A backfill longer than the cap (`max`) it may collect at once. */
export function backfillTooLong(at: { from: string; to: string; count: number; max: number }): PulseError {
  return new PulseError('EARGS', `backfill: ${at.from} … ${at.to} is ${at.count} months, more than the ${at.max} a backfill collects at once`, `backfill in steps of at most ${at.max} months, or raise the cap with --max-months ${at.count}`);
}

/** `--period` is not a month. */
export function periodNotMonth(label: string): PulseError {
  return new PulseError('EARGS', `--period ${label} is not YYYY-MM`, 'give the month as YYYY-MM, e.g. 2026-10');
}

/** The demo's --out holds files the demo did not write, which it would delete. */
export function demoOutTaken(out: string): PulseError {
  return new PulseError('EARGS', `demo: ${out} exists and was not written by the demo`, 'Give --out a new or empty directory (default ./pulse-demo).');
}
