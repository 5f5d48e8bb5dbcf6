// The email as bytes: HTML, the readable text part, and the charts as inline PNG attachments
// referenced by `cid:`, built once with nodemailer's MailComposer. The same bytes are sent and
// written to --out as email.eml, so a dry run shows exactly what would go out. The Message-ID
// and the MIME boundaries derive from the report and period, so the same report is the same
// message; List-Id lets people filter it.
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWords } from 'nodemailer/lib/mime-funcs';
import { maskSecrets } from '../../secrets.ts';

export interface EmailAddresses {
  from: string;
  to: string[];
  cc: string[];
  replyTo?: string | undefined;
}

export interface InlineImage {
  /** The name the HTML uses: <img src="cid:NAME">. */
  cid: string;
  filename: string;
  content: Uint8Array;
}

export interface EmailContent {
  /** "YYYY-MM" */
  period: string;
  /** The report's identity (title and organisation): with the period it makes the Message-ID. */
  reportTitle: string;
  org: string;
  subject: string;
  html: string;
  text: string;
  images: InlineImage[];
}

export interface ComposedEmail {
  messageId: string;
  /** SMTP envelope: the sender and every recipient (to and cc). */
  envelope: { from: string; to: string[] };
  /** The whole message (RFC 5322), CRLF line ends. */
  raw: Buffer;
}

function domainOf(mailbox: string): string {
  const parsed = addressparser(mailbox, { flatten: true })[0];
  return parsed && 'address' in parsed && parsed.address ? (parsed.address.split('@')[1] ?? 'localhost') : 'localhost';
}

function addressOf(mailbox: string): string {
  const parsed = addressparser(mailbox, { flatten: true })[0];
  return parsed && 'address' in parsed && parsed.address ? parsed.address : mailbox;
}

/** Every address in an entry: the envelope reaches exactly the mailboxes the To and Cc headers show. */
function addressesOf(entry: string): string[] {
  const found = addressparser(entry, { flatten: true }).flatMap((p) => ('address' in p && p.address ? [p.address] : []));
  return found.length ? found : [entry];
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'report'
  );
}

/** An RFC 5322 phrase: as it is when it is plain atoms, a quoted-string when it holds specials, RFC 2047 encoded words when it is not ASCII. */
function phrase(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (/[^\x20-\x7e]/.test(clean)) return encodeWords(clean, 'Q', 52);
  if (/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/.test(clean)) return clean;
  return `"${clean.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * List-Id per RFC 2919: `phrase <list-label.namespace>`. The phrase (the organisation's name) is
 * encoded on its own; the id is an ASCII dot-atom whatever the organisation or sender domain
 * hold (accents folded, anything else dropped, a hash when nothing is left; IDN domains in
 * punycode), so a filter on it keeps working. Prepared here: nodemailer would encode the whole value.
 */
export function listIdHeader(org: string, from: string): string {
  const folded = org.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const label = slug(folded) === 'report' && !/report/i.test(folded) ? `report-${createHash('sha256').update(org).digest('hex').slice(0, 8)}` : slug(folded);
  const domain =
    domainToASCII(domainOf(from))
      .toLowerCase()
      .replace(/[^a-z0-9.-]/g, '') || 'localhost';
  return `${phrase(`${org} monthly report`)} <${label}.community-pulse.${domain}>`;
}

/** `<pulse.2026-10.<hash>@example.com>`: the same report and period always give the same id. */
export function messageIdFor(content: Pick<EmailContent, 'period' | 'reportTitle' | 'org'>, from: string): string {
  const hash = createHash('sha256').update(`${content.org}\n${content.reportTitle}`).digest('hex').slice(0, 16);
  return `<community-pulse.${content.period}.${hash}@${domainOf(from)}>`;
}

export async function composeEmail(addresses: EmailAddresses, content: EmailContent, date: Date): Promise<ComposedEmail> {
  const messageId = messageIdFor(content, addresses.from);
  const listId = listIdHeader(content.org, addresses.from);
  const composer = new MailComposer({
    from: addresses.from,
    to: addresses.to,
    cc: addresses.cc,
    ...(addresses.replyTo ? { replyTo: addresses.replyTo } : {}),
    // The last gate before the message is encoded (base64 and quoted-printable hide a secret from
    // any later search): no registered secret is sent.
    subject: maskSecrets(content.subject),
    date,
    messageId,
    baseBoundary: createHash('sha256').update(messageId).digest('hex').slice(0, 16),
    headers: { 'List-Id': { prepared: true, foldLines: true, value: listId }, 'X-Community-Pulse-Period': content.period, 'Auto-Submitted': 'auto-generated' },
    text: maskSecrets(content.text),
    html: maskSecrets(content.html),
    attachments: content.images.map((image) => ({ cid: image.cid, filename: image.filename, content: Buffer.from(image.content), contentType: 'image/png', contentDisposition: 'inline' })),
  });
  // SMTP puts CRLF on every line; the composer leaves bare LF inside text parts. Normalise here, so
  // email.eml holds exactly the bytes the server receives (every part is 7-bit: latin1 is lossless).
  const built = await composer.compile().build();
  const raw = Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
  return { messageId, envelope: { from: addressOf(addresses.from), to: [...addresses.to, ...addresses.cc].flatMap(addressesOf) }, raw };
}
