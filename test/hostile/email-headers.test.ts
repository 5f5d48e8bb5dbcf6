// Issue 19 items 11 and 16: the composed message's headers. List-Id is built per RFC 2919 (the
// phrase encoded on its own, the id an ASCII dot-atom) for a non-ASCII organisation and one with
// `<…>` or `(…)`; the envelope reaches exactly the mailboxes the To and Cc headers show.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeEmail } from '../../src/publish/email/compose.ts';

const content = (org: string) => ({ period: '2026-10', reportTitle: 'KPIs', org, subject: 'KPIs — October', html: '<p>x</p>', text: 'x', images: [] });
const addresses = { from: 'Reports <reports@example.com>', to: ['lead@example.com'], cc: [] };

/** RFC 2047 Q-encoded UTF-8 words decoded; white space between two adjacent encoded words dropped (RFC 2047 6.2). */
function decodeWords(text: string): string {
  const joined = text.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_m, q: string) => {
    const bytes = q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  });
}

function header(raw: Buffer, name: string): string {
  const unfolded = raw
    .toString('latin1')
    .split('\r\n\r\n')[0]!
    .replace(/\r\n[ \t]+/g, ' ');
  return unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}: `)) ?? '';
}

describe('List-Id (RFC 2919)', () => {
  it.each([
    ['Relations développeurs — 開発者', /^List-Id: Relations =\?UTF-8\?Q\?[^<>]+\?= monthly report <relations-developpeurs\.community-pulse\.example\.com>$/],
    ['DevRel <team> (Berlin)', /^List-Id: "DevRel <team> \(Berlin\) monthly report" <devrel-team-berlin\.community-pulse\.example\.com>$/],
    ['開発者', /^List-Id: =\?UTF-8\?Q\?[^<>]+\?= monthly report <report-[0-9a-f]{8}\.community-pulse\.example\.com>$/],
    ['Developer Relations', /^List-Id: Developer Relations monthly report <developer-relations\.community-pulse\.example\.com>$/],
  ])('%s', async (org, expected) => {
    const { raw } = await composeEmail(addresses, content(org), new Date('2026-11-02T06:00:00Z'));
    const line = header(raw, 'List-Id');
    // nodemailer spells the name List-ID; header names are case-insensitive (RFC 5322 1.2.2).
    expect(line.replace(/^List-ID:/, 'List-Id:')).toMatch(expected);
    expect(line).toMatch(/^[\x20-\x7e]+$/);
    // The id part is never encoded, and a reader decodes the phrase back to the organisation.
    const parsed = await simpleParser(raw);
    const list = parsed.headers.get('list') as { id?: { name?: string; id?: string } } | undefined;
    expect(decodeWords(list?.id?.name ?? '')).toBe(`${org} monthly report`);
    expect(list?.id?.id).toMatch(/^[a-z0-9-]+\.community-pulse\.example\.com$/);
  });
});

describe('the envelope matches the headers (item 11)', () => {
  it('an entry with two addresses reaches both, never only the first', async () => {
    const email = await composeEmail({ ...addresses, to: ['evil@attacker.example, Boss <boss@example.com>'] }, content('O'), new Date('2026-11-02T06:00:00Z'));
    expect(email.envelope.to).toEqual(['evil@attacker.example', 'boss@example.com']);
  });
});
