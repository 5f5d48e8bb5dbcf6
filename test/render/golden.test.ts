// Whole-output tests against files a person has read (test/render/golden/). After an intended
// change, regenerate with UPDATE_GOLDEN=1 and read the diff before committing it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport } from './fixture.ts';
import { fileText, HOLES, renderReport } from './helpers.ts';

const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe('render: golden files for a fixed report', async () => {
  const result = await renderReport(fixedReport());

  for (const path of [OUTPUT.page, OUTPUT.piData, OUTPUT.emailText, OUTPUT.emailMjml]) {
    it(`${path} matches test/render/golden/${path}`, () => {
      const actual = fileText(result, path);
      const golden = join(GOLDEN, path);
      if (update || !existsSync(golden)) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(golden, actual);
      }
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('leaves no template holes in any text output', () => {
    for (const file of result.files.filter((f) => typeof f.content === 'string' && !f.path.endsWith('.svg'))) {
      const text = String(file.content);
      for (const hole of HOLES) expect(text, `${file.path} contains ${hole}`).not.toMatch(hole);
    }
  });

  it('renders byte-identical files, charts included, for the same report', async () => {
    const again = await renderReport(fixedReport());
    expect(again.files.map((f) => f.path)).toEqual(result.files.map((f) => f.path));
    for (const [i, file] of result.files.entries()) {
      expect(Buffer.from(again.files[i]?.content ?? '').equals(Buffer.from(file.content)), file.path).toBe(true);
    }
  });

  it('keeps internal (public: false) indicators off the page and the PI data, and in the email', () => {
    const name = 'DevRel Content Pageviews';
    expect(fileText(result, OUTPUT.page)).not.toContain(name);
    expect(fileText(result, OUTPUT.piData)).not.toContain(name);
    expect(fileText(result, OUTPUT.emailText)).toContain(name);
    expect(fileText(result, OUTPUT.emailHtml)).toContain(name);
    expect(fileText(result, OUTPUT.page)).toContain('1 internal indicator is not shown on this public page.');
  });

  it('names the period and the health counts in the subject, and references one chart per KPI by cid', () => {
    expect(result.email.subject).toBe('DevRel PIs, October 2026: 2 problems, 2 attention, 6 okay, 2 unknown');
    const html = fileText(result, OUTPUT.emailHtml);
    // In the email's order: the KPI needing attention first, then the others.
    const kpis = fixedReport().metrics.filter((m) => m.is_key);
    const order = [...kpis.filter((m) => m.health.level === 1 || m.health.level === 2), ...kpis.filter((m) => m.health.level === 3 || m.health.level === 0)];
    expect(result.email.attachments.map((a) => a.cid)).toEqual(order.map((m) => `chart-${m.id}@community-pulse`));
    for (const a of result.email.attachments) {
      expect(html).toContain(`src="cid:${a.cid}"`);
      expect(result.files.some((f) => f.path === a.path && f.contentType === 'image/png')).toBe(true);
    }
    // Alt text states the numbers.
    expect(result.email.attachments.find((a) => a.cid.startsWith('chart-wider-community-contributors@'))?.alt).toBe(
      'Trend of Unique Wider Community Contributors per Month, October 2025 to October 2026. October 2026: 182 contributors against a target of 170. Lowest 148 contributors (Oct ’25), highest 182 contributors (Oct ’26). No data for Dec ’25.',
    );
    expect(html).not.toMatch(/<link[^>]+fonts\.googleapis/);
    expect(html).not.toMatch(/<svg|data:image/);
  });
});

describe('render: email size', () => {
  it('keeps the HTML of a 15-indicator report under 100 KB (Gmail clips at 102 KB)', async () => {
    const { largeReport } = await import('./fixture.ts');
    const result = await renderReport(largeReport(15));
    const bytes = Buffer.byteLength(fileText(result, OUTPUT.emailHtml));
    console.info(`email.html for 15 indicators: ${(bytes / 1024).toFixed(1)} KB`);
    expect(bytes).toBeLessThan(100 * 1024);
    expect(result.email.attachments).toHaveLength(5);
  });
});
