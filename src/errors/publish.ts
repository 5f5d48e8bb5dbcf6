// Publishing errors several commits share.
import { PulseError } from '../errors.ts';

/**
 * A branch or file changed again between this run's read and its second write attempt: another run
 * or a person is writing there too. `what`: the branch or file; `reason`: GitLab's answer.
 */
export function changedWhileWriting(at: { what: string; reason: string }): PulseError {
  return new PulseError('EPUBLISH', `${at.what} changed again while this run was writing (${at.reason})`, 'Another run or a person is writing there at the same time; re-run the job once they are done.');
}
