// SMTP through nodemailer. host/port/secure come from the goals file, user and password from the
// env vars it names. Without implicit TLS, STARTTLS is required unless the server is on this
// machine (loopback), so a password never crosses a network in clear text.
//
// After the message's final dot the server may take its time: RFC 5321 §4.5.3.2.6 gives the
// client 10 minutes for the reply to DATA termination, and a server that already stored the
// message may answer late. So the socket waits 10 minutes by default (replyTimeoutMs), and a
// connection that goes silent or drops mid-session is an unknown outcome, not a failure: the
// message may have been delivered, and it is not sent again without --resend.
import type { Transporter } from 'nodemailer';
import { maskSecrets } from '../../secrets.ts';
import type { ComposedEmail } from './compose.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** How long to wait for any reply of the server (the final reply to DATA included). Default 10 minutes. */
  replyTimeoutMs?: number | undefined;
}

/** RFC 5321 §4.5.3.2.6: DATA termination, 10 minutes. */
export const SMTP_REPLY_TIMEOUT_MS = 10 * 60_000;

export interface Delivery {
  accepted: string[];
  rejected: string[];
  response: string;
}

export interface Mailer {
  verify(): Promise<void>;
  send(email: ComposedEmail): Promise<Delivery>;
  close(): void;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

export function createMailer(settings: SmtpSettings): Mailer {
  const loopback = isLoopback(settings.host);
  // nodemailer (~40 files) is imported when a message is verified or sent, not when the pipeline
  // is assembled: `check` and dry runs never need it.
  let pending: Promise<Transporter> | undefined;
  const transporter = () =>
    (pending ??= import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        requireTLS: !settings.secure && !loopback,
        ignoreTLS: !settings.secure && loopback,
        ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
        connectionTimeout: 20_000,
        greetingTimeout: 15_000,
        socketTimeout: settings.replyTimeoutMs ?? SMTP_REPLY_TIMEOUT_MS,
      }),
    ));
  return {
    async verify() {
      await (await transporter()).verify();
    },
    async send(email) {
      const info = await (await transporter()).sendMail({ envelope: email.envelope, raw: email.raw });
      const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x && 'address' in x ? String(x.address) : String(x))) : []);
      return { accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
    },
    close() {
      // Nothing to close when no message was verified or sent; a failed import has been reported.
      void pending?.then(
        (t) => t.close(),
        () => undefined,
      );
    },
  };
}

/** A one-line reason for an SMTP failure, without the server's echo of credentials. */
export function smtpFailure(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'ESMTP';
    const response = 'response' in error && typeof error.response === 'string' ? error.response : '';
    return { code, message: maskSecrets((response || error.message).split(/\r?\n/)[0] ?? error.message) };
  }
  return { code: 'ESMTP', message: maskSecrets(String(error)) };
}

/**
 * A failed send, and whether its outcome is unknown: the server went silent (socket timeout) or
 * the connection dropped after the session began — the message may have been stored. A refused
 * connection, a refused login or an SMTP error reply is a definite failure (nothing was delivered).
 */
export function deliveryFailure(error: unknown): { code: string; message: string; unknown: boolean } {
  const why = smtpFailure(error);
  const timeoutType = error instanceof Error && 'timeoutType' in error ? error.timeoutType : undefined;
  const silent = why.code === 'ETIMEDOUT' && timeoutType === 'SOCKET_TIMEOUT';
  const dropped = why.code === 'ECONNECTION' && /closed unexpectedly/i.test(why.message);
  return { ...why, unknown: silent || dropped };
}
