// The email a VP reads first thing: what needs attention leads (Problem, then Attention: name,
// value against target, the reason in words, the DRI), then the biggest movers, then the rest, with
// the year-over-year change and the 3-month trend. A month whose sources all failed still reads
// well: plain words for stakeholders, no error text. One health vocabulary everywhere.
import { describe, expect, it } from 'vitest';
import type { MetricReport, ReportModel } from '../../src/evaluate/model.ts';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport, report } from './fixture.ts';
import { fileText, renderReport } from './helpers.ts';

const RAW = 'no data: network error (ENOTFOUND) for gitlab.com after 5 attempts — A temporary failure (rate limit, server error or network): the metric is marked unavailable; re-run the job later.';

/** Every source failed: no values, the collector's error as the reason, no deltas. */
function badMonth(): ReportModel {
  const failed = (m: MetricReport): MetricReport => ({
    ...m,
    value: null,
    status: 'unavailable',
    estimate: false,
    health: { level: 0, label: 'Unknown', reasons: [RAW] },
    deltas: { previous_month: null, same_month_last_year: null, trend_3m: null },
    forecast: null,
    breakdown: null,
    first_time_contributors: [],
    top_contributors: [],
    series: m.series.map((p, i, all) => (i === all.length - 1 ? { ...p, value: null, status: 'unavailable' } : p)),
  });
  return report(fixedReport().metrics.map(failed));
}

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the email leads with what needs attention', async () => {
  const result = await renderReport(fixedReport());
  const text = fileText(result, OUTPUT.emailText);
  const html = plain(fileText(result, OUTPUT.emailHtml));

  it('puts Problem, then Attention indicators first, then the movers, then the rest (text and HTML)', () => {
    for (const [all, heading, movers] of [
      [text, 'NEEDS ATTENTION', 'BIGGEST MOVERS'],
      [html, 'Needs attention', 'Biggest movers'],
    ] as const) {
      // From the section's heading on (the HTML's hidden preheader names indicators before it).
      const body = all.slice(all.indexOf(heading));
      const at = (s: string) => {
        const i = body.indexOf(s);
        expect(i, s).toBeGreaterThanOrEqual(0);
        return i;
      };
      const order = [at(heading), at('Meetups per Month'), at('First-Time Contributors'), at('Merged Community Merge Requests'), at('Forum Time to First Response'), at(movers), at('Unique Wider Community Contributors per Month')];
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
  });

  it('gives each one its value against the target, the reason in words and the DRI', () => {
    const meetups = text.slice(text.indexOf('Meetups per Month'), text.indexOf('First-Time Contributors'));
    expect(meetups).toContain('3 meetups');
    expect(meetups).toContain('At least 12 meetups per month');
    expect(meetups).toContain('3 vs target 12 (-75%); more than 10% below target');
    expect(meetups).toContain('@mlopez');
    expect(html).toMatch(/Meetups per Month 3 meetups ✕ Problem .*Target: At least 12 meetups per month 3 vs target 12 \(-75%\); more than 10% below target · Ask @mlopez/);
  });

  it('shows the year-over-year change and the 3-month trend', () => {
    expect(text).toContain('Year ago    ▼ down 67% (-6) vs October 2025');
    expect(text).toContain('Trend       3-month average down 26% on the 3 months before');
    expect(html).toContain('▼ down 67% (-6) vs October 2025 · 3-month average down 26% on the 3 months before');
  });

  it('uses one health vocabulary (Okay, Attention, Problem, Unknown) and says "At least" for a target met at exactly its value', () => {
    expect(result.email.subject).toBe('DevRel PIs, October 2026: 2 problems, 2 attention, 6 okay, 2 unknown');
    for (const body of [text, html, fileText(result, OUTPUT.page), fileText(result, OUTPUT.piData)]) {
      expect(body).not.toMatch(/on track|without data/i);
      expect(body).not.toMatch(/\bAbove \d/);
    }
    expect(html).toContain('✓ Okay');
    expect(html).toContain('✓ 6 Okay');
  });
});

describe('a month whose every source failed', async () => {
  const result = await renderReport(badMonth());
  const outputs = { text: fileText(result, OUTPUT.emailText), html: plain(fileText(result, OUTPUT.emailHtml)), page: fileText(result, OUTPUT.page) };

  it('shows stakeholders no error text, in the email or on the page', () => {
    for (const [name, body] of Object.entries(outputs)) {
      expect(body, name).not.toContain('ENOTFOUND');
      expect(body, name).not.toContain('re-run');
      expect(body, name).not.toContain('network error');
    }
  });

  it('says so once at the top in plain words, and "not available this month" per indicator', () => {
    const notice = 'No numbers are available for October 2026 yet: the data sources could not be read when this report was made. The team running the report has the details.';
    for (const body of [outputs.text, outputs.html]) {
      expect(body.indexOf(notice)).toBeGreaterThan(0);
      expect(body.indexOf(notice)).toBeLessThan(body.indexOf('Unique Wider Community Contributors per Month'));
    }
    expect(outputs.text.match(/Not available this month\./g)?.length).toBe(badMonth().metrics.length);
    // Why is said once, at the top, not once per indicator.
    expect(outputs.text.match(/could not be read/g)?.length).toBe(1);
    expect(outputs.html.match(/could not be read/g)?.length).toBe(1);
    expect(result.email.subject).toBe('DevRel PIs, October 2026: 12 unknown');
    expect(outputs.page).toContain('- Not available this month: the data source could not be read when the report was made.');
  });
});

describe('merge_request publishing', () => {
  it('says the page updates once the merge request is merged, and links the merge request when known', async () => {
    const { chartFontFiles } = await import('../../src/render/fonts.ts');
    const { render } = await import('../../src/render/index.ts');
    const { loadTemplates } = await import('../../src/render/templates.ts');
    const fonts = chartFontFiles();
    const base = { templates: await loadTemplates(), snapshotPath: null, pageUrl: 'https://handbook.example.com/pi/', fontFiles: [fonts.regular, fonts.bold] };
    const mr = 'https://gitlab.com/gitlab-com/content-sites/handbook/-/merge_requests/42';
    const withUrl = await render(fixedReport(), { ...base, publishMode: 'merge_request', mergeRequestUrl: mr });
    const withoutUrl = await render(fixedReport(), { ...base, publishMode: 'merge_request' });
    const committed = await render(fixedReport(), base);
    const note = 'The handbook page is updated through a merge request: it shows October 2026 once the merge request is merged';
    expect(plain(fileText(withUrl, OUTPUT.emailHtml))).toContain(note);
    expect(fileText(withUrl, OUTPUT.emailHtml)).toContain(`<a href="${mr}"`);
    expect(fileText(withUrl, OUTPUT.emailText)).toContain(`The merge request: ${mr}`);
    expect(fileText(withoutUrl, OUTPUT.emailText)).toContain(note);
    expect(fileText(withoutUrl, OUTPUT.emailText)).not.toContain('The merge request:');
    expect(fileText(committed, OUTPUT.emailText)).not.toContain('merge request is merged');
  });
});
