// The environment family: a credential a step needs is not set, or cannot be read.
import { PulseError } from '../errors.ts';

/** A project access token that commits (`need`: what for, e.g. "the handbook token is needed to commit to g/p"). */
export function projectTokenUnset(at: { env: string; project: string; need: string }): PulseError {
  return new PulseError('EENV', `${at.env} is not set: ${at.need}`, `Set ${at.env} (a masked CI/CD variable) to a project access token of ${at.project} with the api scope and the Developer role.`);
}

/** The Google service account key in its env var cannot be used (`problem`: why). */
export function googleCredentials(problem: string): PulseError {
  return new PulseError(
    'EENV',
    `the service account credentials ${problem}`,
    'Put the service account key file (JSON, as downloaded from Google Cloud) in the env var: its text, its base64 (`base64 -w0 key.json`, which GitLab can mask), or use a GitLab "File" variable.',
  );
}

/** A Discourse query needs an admin API key and the source names none (`needs`: why it needs one). */
export function discourseKeyUnset(at: { kind: string; needs: string; scope: string }): PulseError {
  return new PulseError('EENV', `the Discourse query "${at.kind}" ${at.needs}, and this source has no api_key_env`, `Set api_key_env on the source to the name of a masked CI/CD variable holding an admin API key (${at.scope}).`);
}
