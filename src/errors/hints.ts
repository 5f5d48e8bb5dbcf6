// The fix hints a request gives the HTTP client, for a refusal (authHint, 401/403) and for a 404
// (notFoundHint), when more than one request gives the same one: the GitLab tokens of the
// collection and of the handbook. The HTTP client builds the message; this is the fix.

/** A GitLab token that reads (collection, member lists, the organisations file); `sees`: what it must see. */
export function gitlabReadTokenHint(at: { env: string; sees?: string }): string {
  const base = `The token in ${at.env} was refused: it needs the read_api scope (a personal, group or project access token)`;
  return at.sees === undefined ? `${base} and must not be expired or revoked.` : `${base}, must not be expired or revoked, and must be able to see ${at.sees}.`;
}

/**
 * The one wording of the token that commits to a project (the handbook, the PI data's project):
 * unset, refused, or short of scope or role.
 */
export function writeTokenFix(at: { env: string; project: string }): string {
  return `Create a project access token in ${at.project} (Settings → Access tokens) with the api scope and the Developer role (Maintainer to push to a protected branch), and store it in the masked CI/CD variable ${at.env}.`;
}

/** The handbook token, reading history (read_api is enough) or committing (api and Developer). */
export function handbookTokenHint(at: { env: string; project: string; writes: boolean }): string {
  return at.writes ? writeTokenFix(at) : `${at.env} must hold a token that can read ${at.project} (scope read_api or api).`;
}

/** The handbook project answered 404: a wrong path or url, or a private project the token is not a member of. */
export function handbookNotFoundHint(at: { env: string; project: string }): string {
  return `Check publish.handbook.project (${at.project}) and url in goals.yml, and that ${at.env} can see the project (a private one only its members).`;
}

/** PyPI Stats has no such project (`recent`: the name may be a day old and not there yet). */
export function pypiNotFoundHint(at: { project: string; source: string; recent: boolean }): string {
  return `PyPI Stats knows no project "${at.project}" (sources.${at.source}: check the name in the metric's packages${at.recent ? '; a project published in the last day may not be there yet' : ''}).`;
}
