// Before any side effect: can this token publish to the handbook as configured? Every problem is
// returned (not thrown) with its fix, so the verify step reports them all at once.
import { PulseError } from '../../errors.ts';
import { handbookNotFoundHint, writeTokenFix } from '../../errors/hints.ts';
import { isHttpError } from '../../http/errors.ts';
import type { HandbookApi } from './api.ts';
import type { HandbookSettings } from './where.ts';

const ROLE: Record<number, string> = { 10: 'Guest', 15: 'Planner', 20: 'Reporter', 30: 'Developer', 40: 'Maintainer', 50: 'Owner' };

function problem(message: string, fix: string): PulseError {
  return new PulseError('EVERIFY', message, fix);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function verifyHandbook(api: HandbookApi, settings: HandbookSettings, tokenEnv: string): Promise<PulseError[]> {
  const problems: PulseError[] = [];
  const tokenFix = writeTokenFix({ env: tokenEnv, project: settings.project });
  try {
    const scopes = await api.tokenScopes();
    if (!scopes.includes('api')) problems.push(problem(`${tokenEnv} has the scopes ${scopes.join(', ') || '(none)'}, but committing to the handbook needs api`, tokenFix));
  } catch (error) {
    problems.push(problem(`${tokenEnv} was not accepted by ${api.instanceUrl}: ${describe(error)}`, tokenFix));
    return problems;
  }
  let level = 0;
  try {
    const project = await api.project();
    level = Math.max(project.permissions?.project_access?.access_level ?? 0, project.permissions?.group_access?.access_level ?? 0);
    if (level < 30) problems.push(problem(`the token's user has the ${ROLE[level] ?? 'no'} role in ${settings.project}; committing needs Developer or Maintainer`, tokenFix));
  } catch (error) {
    problems.push(
      problem(`handbook project ${settings.project} is not reachable with ${tokenEnv}: ${describe(error)}`, isHttpError(error) && error.status === 404 ? `${handbookNotFoundHint({ env: tokenEnv, project: settings.project })} ${tokenFix}` : tokenFix),
    );
    return problems;
  }
  try {
    const branch = await api.branch(settings.branch);
    if (!branch) problems.push(problem(`branch ${settings.branch} does not exist in ${settings.project}`, 'Set publish.handbook.branch in goals.yml to an existing branch (usually main).'));
    else if (settings.mode === 'commit' && branch.protected && branch.can_push === false && level < 40) {
      problems.push(
        problem(
          `${settings.branch} is a protected branch of ${settings.project} and the token's user (${ROLE[level] ?? 'role ' + level}) may not push to it`,
          'Set publish.handbook.mode: merge_request in goals.yml (the job then opens a merge request for review; Developer is enough), or give the token the Maintainer role.',
        ),
      );
    }
  } catch (error) {
    problems.push(problem(`branch ${settings.branch} of ${settings.project} could not be read: ${describe(error)}`, tokenFix));
  }
  return problems;
}

/** CI_JOB_TOKEN cannot create commits or merge requests in another project: say so before trying. */
export function jobTokenProblem(tokenEnv: string, token: string, env: Readonly<Record<string, string | undefined>>): PulseError | undefined {
  if (tokenEnv !== 'CI_JOB_TOKEN' && !(env.CI_JOB_TOKEN && env.CI_JOB_TOKEN === token)) return undefined;
  return problem(
    `${tokenEnv} holds the CI job token, which cannot commit to another project or open merge requests`,
    'Use a project access token of the handbook project with the api scope (Developer, or Maintainer for a protected branch) in its own masked variable, and name that variable in publish.handbook.token_env.',
  );
}
