// From the goals file and the environment to the publishers this run can use: the handbook API
// (token from the env var the file names) and the SMTP mailer (user and password likewise).
// Missing credentials are problems for the verify step, never silent skips.
import type { Env } from '../env.ts';
import { PulseError } from '../errors.ts';
import { chatWebhookNotHttps, chatWebhookUnset, projectTokenUnset, smtpLoginUnset } from '../errors/env.ts';
import type { ChatPublish, EmailPublish, HandbookPublish } from '../goals/schema.ts';
import { isLoopbackHost } from '../http/loopback.ts';
import type { ChatChannel } from './record.ts';
import type { HttpClient } from '../http/types.ts';
import type { SecretMasker } from '../secrets.ts';
import { HandbookApi } from './handbook/api.ts';
import type { HandbookSettings } from './handbook/where.ts';
import { createMailer, type Mailer } from './email/transport.ts';
import type { EmailAddresses } from './email/compose.ts';

export interface HandbookTarget {
  api: HandbookApi;
  settings: HandbookSettings;
  /** Paths committed to another project (the PI data with pi_data_target), never to the handbook. */
  elsewhere?: string[];
  tokenEnv: string;
  token: string;
}

/** The PI data file's own project (publish.handbook.pi_data_target): a commit of its own there. */
export interface PiDataTarget {
  api: HandbookApi;
  /** `page` is the PI data file's path; `piData` is unset (the file is stamped as data). */
  settings: HandbookSettings;
  tokenEnv: string;
  token: string;
}

export interface EmailTarget {
  addresses: EmailAddresses;
  /** Where the mail goes, for logs: host:port. */
  server: string;
  createMailer(): Mailer;
}

export interface ChatTarget {
  channel: ChatChannel;
  /** "Slack", "Microsoft Teams" */
  name: string;
  /** The webhook URL: a secret (registered with the masker, path included). */
  url: string;
  /** The env var it came from, for messages. */
  urlEnv: string;
  http: HttpClient;
}

export interface Targets {
  handbook?: HandbookTarget;
  /** Set when the PI data goes to another project than the handbook. */
  piData?: PiDataTarget;
  email?: EmailTarget;
  chats: ChatTarget[];
  /** Credentials that are missing: each is a verify problem (exit 2). */
  missing: PulseError[];
}

/** PULSE_SMTP_REPLY_TIMEOUT_SECONDS: how long to wait for the SMTP server's replies (default 600, RFC 5321). */
export function replyTimeout(env: Env): number | undefined {
  const raw = env.PULSE_SMTP_REPLY_TIMEOUT_SECONDS;
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new PulseError('EENV', `PULSE_SMTP_REPLY_TIMEOUT_SECONDS is "${raw}", not a number of seconds`, 'Set PULSE_SMTP_REPLY_TIMEOUT_SECONDS to a positive number of seconds (default 600, what RFC 5321 allows for the reply to DATA), or unset it.');
  return seconds * 1000;
}

export function handbookSettings(config: HandbookPublish): HandbookSettings {
  // With pi_data_target, the PI data is not the handbook project's file: its own target guards it.
  return { project: config.project, branch: config.branch, page: config.page, piData: config.pi_data_target ? undefined : config.pi_data, dataDir: config.data_dir.replace(/^\/+|\/+$/g, ''), mode: config.mode, onManualEdit: config.on_manual_edit };
}

export const CHAT_NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

/** A webhook URL from the environment: https (plain http only to loopback), masked whole and by its path (logs name host/path). */
export function chatTarget(channel: ChatChannel, config: ChatPublish, env: Env, http: HttpClient, masker: SecretMasker): ChatTarget | PulseError {
  const name = CHAT_NAMES[channel];
  const raw = env[config.webhook_url_env]?.trim();
  masker.add(raw);
  if (!raw) return chatWebhookUnset({ env: config.webhook_url_env, service: name });
  const url = URL.parse(raw);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
    return chatWebhookNotHttps({ env: config.webhook_url_env, service: name });
  }
  // Logs and errors name host/path: the path carries the webhook's secret, so it is masked too.
  masker.add(`${url.pathname}${url.search}`);
  return { channel, name, url: url.href, urlEnv: config.webhook_url_env, http };
}

export function publishTargets(publish: { handbook?: HandbookPublish | undefined; email?: EmailPublish | undefined; slack?: ChatPublish | undefined; teams?: ChatPublish | undefined }, env: Env, http: HttpClient, masker: SecretMasker): Targets {
  const missing: PulseError[] = [];
  const out: Targets = { missing, chats: [] };
  for (const channel of ['slack', 'teams'] as const) {
    const config = publish[channel];
    if (!config) continue;
    const target = chatTarget(channel, config, env, http, masker);
    if (target instanceof PulseError) missing.push(target);
    else out.chats.push(target);
  }
  const hb = publish.handbook;
  if (hb) {
    const token = env[hb.token_env];
    masker.add(token);
    if (!token) missing.push(projectTokenUnset({ env: hb.token_env, project: hb.project, need: `the handbook token is needed to commit to ${hb.project}` }));
    else
      out.handbook = {
        api: new HandbookApi({ http, url: hb.url, project: hb.project, token, tokenEnv: hb.token_env }),
        settings: handbookSettings(hb),
        tokenEnv: hb.token_env,
        token,
        ...(hb.pi_data_target && hb.pi_data ? { elsewhere: [hb.pi_data] } : {}),
      };
    const pi = hb.pi_data_target;
    if (pi && hb.pi_data) {
      const tokenEnv = pi.token_env ?? hb.token_env;
      const piToken = env[tokenEnv];
      masker.add(piToken);
      if (!piToken) {
        if (tokenEnv !== hb.token_env) missing.push(projectTokenUnset({ env: tokenEnv, project: pi.project, need: `the token is needed to commit the PI data to ${pi.project}` }));
      } else {
        const settings: HandbookSettings = { project: pi.project, branch: pi.branch, page: hb.pi_data, piData: undefined, dataDir: hb.data_dir.replace(/^\/+|\/+$/g, ''), mode: hb.mode, onManualEdit: hb.on_manual_edit };
        out.piData = { api: new HandbookApi({ http, url: hb.url, project: pi.project, token: piToken, tokenEnv }), settings, tokenEnv, token: piToken };
      }
    }
  }
  const mail = publish.email;
  if (mail) {
    if (!mail.smtp) {
      missing.push(new PulseError('EVERIFY', 'publish.email has no smtp server', 'Add publish.email.smtp with host, port, secure and the env var names of the user and password.'));
    } else {
      const smtp = mail.smtp;
      const user = smtp.username_env ? env[smtp.username_env] : undefined;
      const password = smtp.password_env ? env[smtp.password_env] : undefined;
      masker.add(password);
      for (const name of [smtp.username_env, smtp.password_env]) {
        if (name && !env[name]) missing.push(smtpLoginUnset({ env: name, host: smtp.host }));
      }
      out.email = {
        addresses: { from: mail.from, to: mail.to, cc: mail.cc, replyTo: mail.reply_to },
        server: `${smtp.host}:${smtp.port}`,
        createMailer: () => createMailer({ host: smtp.host, port: smtp.port, secure: smtp.secure, user, password, replyTimeoutMs: replyTimeout(env) }),
      };
    }
  }
  return out;
}
