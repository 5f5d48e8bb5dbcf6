// A real SMTP server in this process (smtp-server), for the demo and the tests: it accepts mail on
// a loopback port, optionally requires a login, can reject chosen recipients the way a real
// server does (550 on RCPT TO), fail DATA (451), store a message and answer DATA late, and keeps
// every message it received as raw bytes.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface SmtpFakeOptions {
  /** user → password; when set, a login is required. */
  users?: Record<string, string>;
  /** Recipients answered with 550 "mailbox unavailable". */
  rejectRecipients?: string[];
  /**
   * Text the server puts into every reply it words itself (failed login, refused recipient,
   * failed or accepted DATA), the way a misbehaving server echoes what it was sent: hostile tests
   * make it echo a credential. The failed-login reply also echoes the password it received.
   */
  echo?: string;
}

/** What the server does with the next messages; tests change it between runs. */
export interface SmtpBehaviour {
  /** Answer DATA with 451 (a temporary failure after the login and recipients were accepted). */
  failData: boolean;
  /**
   * Store the message, then wait this long before the final reply to DATA (a slow server: RFC
   * 5321 §4.5.3.2.6 lets it take up to 10 minutes). 0: answer at once.
   */
  dataReplyDelayMs: number;
}

export interface SmtpFake {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Failed logins, in order (user names only). */
  failedLogins: string[];
  behaviour: SmtpBehaviour;
  close(): Promise<void>;
}

export async function startSmtpFake(options: SmtpFakeOptions = {}): Promise<SmtpFake> {
  const messages: ReceivedMail[] = [];
  const failedLogins: string[] = [];
  const reject = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  const users = options.users;
  const behaviour: SmtpBehaviour = { failData: false, dataReplyDelayMs: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    // Logins in clear text are fine on loopback only; this server never listens elsewhere.
    allowInsecureAuth: true,
    authOptional: !users,
    logger: false,
    banner: 'community-pulse test SMTP',
    onAuth(auth, _session, callback) {
      if (users && auth.username !== undefined && users[auth.username] === auth.password) return callback(null, { user: auth.username });
      failedLogins.push(auth.username ?? '');
      const said = options.echo === undefined ? 'Invalid username or password' : `Invalid username or password "${auth.password ?? ''}" ${options.echo}`;
      const error = Object.assign(new Error(said), { responseCode: 535 });
      return callback(error);
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (reject.has(address.address.toLowerCase())) {
        return callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: mailbox unavailable${options.echo === undefined ? '' : ` ${options.echo}`}`), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (behaviour.failData) return callback(Object.assign(new Error(`4.3.0 Temporary failure, please try again later${options.echo === undefined ? '' : ` ${options.echo}`}`), { responseCode: 451 }));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        // smtp-server sends a string given here as the 250 reply's text instead of "OK: message queued".
        const reply = () => (options.echo !== undefined ? callback(null, `OK: queued ${options.echo}` as unknown as undefined) : callback());
        if (behaviour.dataReplyDelayMs > 0) setTimeout(reply, behaviour.dataReplyDelayMs).unref();
        else reply();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    failedLogins,
    behaviour,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port where nothing listens (SMTP down): bound, then closed. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
