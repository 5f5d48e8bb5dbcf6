// The GitLab family: a group or project the token cannot see, and GraphQL answers that cannot be
// read (a field missing, a cursor that does not move, file content damaged on the way).
import { PulseError } from '../errors.ts';
import { reportFix } from './report.ts';

const GITLAB_REPORT = reportFix({ product: 'GitLab' });

/** The one wording of "this group or project does not exist for this token". */
export function gitlabNotFound(at: { root: 'group' | 'project'; path: string; instance: string }): PulseError {
  return new PulseError('ENOTFOUND', `GitLab ${at.root} "${at.path}" not found or not visible to the token (${at.instance})`, `Check the ${at.root}'s full path in goals.yml (e.g. gitlab-org, not its display name) and that the token's user can see it.`);
}

/** A merge request of the group that GitLab does not show to the token. */
export function gitlabMrNotFound(at: { project: string; iid: string | number; instance: string }): PulseError {
  return new PulseError('ENOTFOUND', `GitLab merge request ${at.project}!${at.iid} not found or not visible to the token (${at.instance})`, "Check that the token's user can see the projects of the group.");
}

/** GitLab kept paging past the cap one question may read (`max` pages of `field` for `path`). */
export function gitlabTooManyPages(at: { field: string; path: string; max: number }): PulseError {
  return new PulseError('EBADRESPONSE', `GitLab announced more than ${at.max} pages of ${at.field} for "${at.path}"`, 'Narrow the query (labels, a project instead of a group), or report it if GitLab keeps paging.');
}

/** GitLab answered without a field the query asked for (`what`) on a group or project. */
export function gitlabFieldMissing(at: { what: string; root: 'group' | 'project'; path: string }): PulseError {
  return new PulseError('EBADRESPONSE', `GitLab returned no ${at.what} for ${at.root} "${at.path}"`, GITLAB_REPORT);
}

/** GitLab announced another page (`what`: "another page of X for …") with the cursor it gave before. */
export function gitlabStuckCursor(what: string): PulseError {
  return new PulseError('EBADRESPONSE', `GitLab kept announcing ${what} without a new cursor`, GITLAB_REPORT);
}

/** A file read through the files API arrived damaged (`problem`: what does not add up). */
export function gitlabDamagedFile(at: { what: string; problem: string }): PulseError {
  return new PulseError('EBADRESPONSE', `${at.what}: ${at.problem}`, 'Re-run the job; if it persists, GitLab (or a proxy in between) is damaging answers.');
}
