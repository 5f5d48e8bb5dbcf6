// The environment family: a credential a step needs is not set, or cannot be read.
import { PulseError } from '../errors.ts';
import { writeTokenFix } from './hints.ts';

/** The one fix for an env var the goals file names that is not set. */
export function unsetEnvFix(name: string): string {
  return `define ${name} as a masked CI/CD variable (Settings > CI/CD > Variables), or export it before running locally`;
}

/** An env var the goals file names is not set (`namedBy`: where, e.g. `source "forum"`). */
export function envUnset(at: { name: string; namedBy: string }): PulseError {
  return new PulseError('EENV', `environment variable ${at.name} is not set (named by ${at.namedBy})`, unsetEnvFix(at.name));
}

/** A project access token that commits (`need`: what for, e.g. "the handbook token is needed to commit to g/p"). */
export function projectTokenUnset(at: { env: string; project: string; need: string }): PulseError {
  return new PulseError('EENV', `${at.env} is not set: ${at.need}`, writeTokenFix(at));
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

/** The chat webhook URL's variable is not set (`service`: Slack, Microsoft Teams). */
export function chatWebhookUnset(at: { env: string; service: string }): PulseError {
  return new PulseError('EENV', `${at.env} is not set: the ${at.service} webhook URL is needed to post the summary`, `Set ${at.env} (a masked CI/CD variable) to the ${at.service} incoming-webhook URL (docs/publishing.md, "Chat").`);
}

/** The chat webhook URL's variable holds something other than an https:// URL. */
export function chatWebhookNotHttps(at: { env: string; service: string }): PulseError {
  return new PulseError('EENV', `${at.env} does not hold an https:// URL, so the ${at.service} summary cannot be posted`, `Set ${at.env} to the webhook URL exactly as ${at.service} shows it (it starts with https://).`);
}

/** A variable publish.email.smtp names for the login is not set. */
export function smtpLoginUnset(at: { env: string; host: string }): PulseError {
  return new PulseError('EENV', `${at.env} is not set: the SMTP login for ${at.host} needs it`, `Set ${at.env} as a masked CI/CD variable, or remove it from publish.email.smtp if the server needs no login.`);
}
