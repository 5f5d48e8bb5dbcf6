// The goals-file family: a file that cannot be read, or is not a goals file.
import { ERRORS, PulseError } from '../errors.ts';

/** The goals file at `path` cannot be read (`reason`: "no such file", …). */
export function goalsUnreadable(at: { path: string; reason: string; cause: unknown }): PulseError {
  return new PulseError('EGOALSREAD', `cannot read the goals file ${at.path}: ${at.reason}`, ERRORS.EGOALSREAD.fix, { cause: at.cause });
}

/** Too big to be a goals file: probably the wrong path. */
export function goalsTooLarge(file: string): PulseError {
  return new PulseError('EGOALSREAD', `${file} is larger than 1 MB: that is not a goals file`, `check the path given to --goals (goals files are a few KB); ${ERRORS.EGOALSINVALID.fix}`);
}

/** Nested deeper than any goals file is. */
export function goalsTooDeep(at: { file: string; depth: number }): PulseError {
  return new PulseError('EGOALSINVALID', `${at.file} is nested more than ${at.depth} levels deep: that is not a goals file`);
}

/** Every positioned problem of a goals file (`details`: one `FILE:LINE:COL: …` line each). */
export function goalsInvalid(at: { file: string; details: readonly string[] }): PulseError {
  const count = at.details.length === 1 ? '1 problem' : `${at.details.length} problems`;
  return new PulseError('EGOALSINVALID', `${at.file} is not a valid goals file (${count})`, undefined, { details: at.details });
}
