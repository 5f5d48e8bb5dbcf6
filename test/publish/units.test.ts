// The pure parts of publishing: the page stamp, the message bytes, the snapshot record, and the
// mapping from rendered files.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeEmail, messageIdFor } from '../../src/publish/email/compose.ts';
import { emailContent, handbookFiles } from '../../src/publish/from-render.ts';
import { pageState, stampPage } from '../../src/publish/handbook/stamp.ts';
import { publicationOf, snapshotFileText } from '../../src/publish/record.ts';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import { PNG, snapshotFor } from './harness.ts';

describe('page stamp', () => {
  const page = '---\ntitle: KPIs\n---\n\n# KPIs\n';
  it('goes into YAML or TOML front matter, or a last-line comment, and recognises its own page', () => {
    expect(stampPage(page)).toMatch(/^---\ntitle: KPIs\ncommunity_pulse_sha256: "[0-9a-f]{64}"\n---\n\n# KPIs\n$/);
    expect(stampPage('+++\ntitle = "KPIs"\n+++\nbody\n')).toMatch(/^\+\+\+\ntitle = "KPIs"\ncommunity_pulse_sha256 = "[0-9a-f]{64}"\n\+\+\+\nbody\n$/);
    expect(stampPage('no front matter')).toMatch(/^no front matter\n<!-- community_pulse_sha256: [0-9a-f]{64} -->\n$/);
    for (const p of [page, '+++\ntitle = "KPIs"\n+++\nbody\n', 'no front matter', 'ends with newline\n']) expect(pageState(stampPage(p))).toEqual({ kind: 'generated' });
  });

  it('sees any edit, and a page without a stamp', () => {
    expect(pageState(stampPage(page).replace('# KPIs', '# KPIs!'))).toEqual({ kind: 'edited' });
    expect(pageState(stampPage(page).replace('title: KPIs', 'title: Mine'))).toEqual({ kind: 'edited' });
    expect(pageState(page)).toEqual({ kind: 'unstamped' });
  });

  it('is the same for the same page (an unchanged month makes no commit)', () => {
    expect(stampPage(page)).toBe(stampPage(page));
  });
});

describe('the message', () => {
  const addresses = { from: 'DevRel Reports <devrel@example.org>', to: ['a@example.org'], cc: [] };
  const content = { period: '2026-10', reportTitle: 'KPIs', org: 'DevRel', subject: 'KPIs — October 2026', html: '<p>hi <img src="cid:c1" alt="Views: 5"></p>', text: 'hi', images: [{ cid: 'c1', filename: 'views.png', content: PNG }] };
  it('is byte-identical for the same report, period and date; the Message-ID depends on report and period only', async () => {
    const date = new Date('2026-11-02T06:00:00Z');
    const a = await composeEmail(addresses, content, date);
    const b = await composeEmail(addresses, content, date);
    expect(a.raw.equals(b.raw)).toBe(true);
    expect(a.messageId).toMatch(/^<community-pulse\.2026-10\.[0-9a-f]{16}@example\.org>$/);
    expect(a.messageId).toBe(messageIdFor(content, addresses.from));
    expect(messageIdFor({ ...content, period: '2026-11' }, addresses.from)).not.toBe(a.messageId);
    expect(messageIdFor({ ...content, reportTitle: 'Other' }, addresses.from)).not.toBe(a.messageId);
    expect(a.envelope).toEqual({ from: 'devrel@example.org', to: ['a@example.org'] });
    const parsed = await simpleParser(a.raw, { keepCidLinks: true });
    expect(parsed.html).toContain('cid:c1');
    expect(parsed.attachments[0]).toMatchObject({ cid: 'c1', contentDisposition: 'inline' });
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });
});

describe('snapshot record', () => {
  it('adds publication after the canonical snapshot and reads it back; no record = the plain snapshot', () => {
    const snapshot = snapshotFor('2026-10', 5);
    expect(snapshotFileText(snapshot, undefined)).toBe(serializeSnapshot(snapshot));
    const email = { state: 'sent' as const, message_id: '<x@y>', attempted_at: 't0', sent_at: 't1', accepted: ['a@b.c'], rejected: [] };
    const text = snapshotFileText(snapshot, { email });
    expect(text.startsWith(serializeSnapshot(snapshot).slice(0, -3))).toBe(true);
    expect(publicationOf(text)).toEqual({ email });
    expect(publicationOf(serializeSnapshot(snapshot))).toBeUndefined();
    expect(publicationOf('{ not json')).toBeUndefined();
  });
});

describe('from rendered files', () => {
  const rendered = {
    files: [
      { path: 'page.md', role: 'page', content: '# page\n![c](charts/a.png)\n' },
      { path: 'performance_indicators.yml', role: 'pi-data', content: '- name: a\n' },
      { path: 'email.html', role: 'email-html', content: '<img src="cid:chart-a@community-pulse">' },
      { path: 'email.txt', role: 'email-text', content: 'text' },
      { path: 'charts/a.png', role: 'chart-png', content: PNG },
      { path: 'charts/b.png', role: 'chart-png', content: PNG },
    ],
    email: { subject: 'S', attachments: [{ cid: 'chart-a@community-pulse', path: 'charts/a.png', alt: 'A: 5' }] },
  };
  it('places the page, the PI data and only the charts the page links to', () => {
    expect(handbookFiles(rendered, { page: 'content/kpi/_index.md', piData: 'data/pi/devrel.yml' }).map((f) => f.path)).toEqual(['content/kpi/_index.md', 'data/pi/devrel.yml', 'content/kpi/charts/a.png']);
    expect(handbookFiles(rendered, { page: 'content/kpi/_index.md' }).map((f) => f.path)).toEqual(['content/kpi/_index.md', 'content/kpi/charts/a.png']);
  });
  it('takes the email parts and the inline images by cid', () => {
    const c = emailContent(rendered, { title: 'T', org: 'O', period: '2026-10' });
    expect(c.images).toEqual([{ cid: 'chart-a@community-pulse', filename: 'a.png', content: PNG }]);
    expect([c.subject, c.text]).toEqual(['S', 'text']);
  });
});
