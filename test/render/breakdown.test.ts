// The detail beyond the monthly number: per-release series, retention cohorts, median/p75
// statistics, counted items, and estimates — where each appears, and the unit wording rule.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatAmount } from '../../src/evaluate/format.ts';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport } from './fixture.ts';
import { hostileReport } from './hostile-fixture.ts';
import { fileText, renderReport } from './helpers.ts';

/** The page's section for one metric (by id in the fixed report), from its heading to the next. */
function sectionOf(page: string, id: string): string {
  const name = fixedReport().metrics.find((m) => m.id === id)?.name;
  const start = name ? page.indexOf(`\n## ${name}\n`) : -1;
  expect(start, id).toBeGreaterThan(0);
  const next = page.indexOf('\n## ', start + 1);
  return page.slice(start, next < 0 ? undefined : next);
}

describe('unit wording', () => {
  it('puts a symbol unit right after the number and makes a word unit singular for exactly 1', () => {
    expect(formatAmount(50, '%')).toBe('50%');
    expect(formatAmount(1, '%')).toBe('1%');
    expect(formatAmount(1, 'contributors')).toBe('1 contributor');
    expect(formatAmount(2, 'contributors')).toBe('2 contributors');
    expect(formatAmount(1, 'merge requests')).toBe('1 merge request');
    expect(formatAmount(1, 'days')).toBe('1 day');
    expect(formatAmount(1, 'hours')).toBe('1 hour');
    expect(formatAmount(1, 'people')).toBe('1 person');
    expect(formatAmount(1, 'entries')).toBe('1 entry');
    expect(formatAmount(1, 'business')).toBe('1 business');
    expect(formatAmount(1.5, 'days')).toBe('1.5 days');
    expect(formatAmount(0, 'meetups')).toBe('0 meetups');
    expect(formatAmount(1200, null)).toBe('1,200');
  });
});

describe('render: breakdowns, releases and estimates', async () => {
  const result = await renderReport(fixedReport());
  const page = fileText(result, OUTPUT.page);
  const html = fileText(result, OUTPUT.emailHtml);
  const text = fileText(result, OUTPUT.emailText);

  it('shows a per-release metric by release on the page: bars by release and a release table, no monthly table', () => {
    const s = sectionOf(page, 'community-mrs-per-release');
    expect(s).toContain('x-axis ["17.5", "17.6", "17.7", "17.8", "17.9", "17.10", "17.11", "18.0", "18.1", "18.2", "18.3", "18.4", "18.5"]');
    expect(s).toMatch(/^ {4}bar \[402, 431, .*, 512\]$/m);
    expect(s).toContain('| 18.5 | 15 October 2026 | 512 | 450 | October 2026 (due this month) |');
    expect(s).not.toContain('**Last 13 months**');
    expect(s).toContain('**Target:** At least 450 merge requests per release');
  });

  it('keeps the monthly chart and table while only one release is recorded, beside a one-row release table', async () => {
    const report = fixedReport();
    const m = report.metrics.find((x) => x.id === 'community-mrs-per-release');
    if (!m) throw new Error('fixture lost its per-release metric');
    m.releases = m.releases.slice(-1);
    const one = await renderReport(report);
    const s = sectionOf(fileText(one, OUTPUT.page), 'community-mrs-per-release');
    expect(s).toMatch(/^ {4}line \[402, /m);
    expect(s).not.toMatch(/^ {4}bar /m);
    expect(s).toContain('**Last 13 months**');
    expect(s.match(/^\| 18\.5 \|/gm)).toHaveLength(1);
    expect(fileText(one, OUTPUT.emailText)).toContain('Detail      By release: 18.5: 512');
    expect(fileText(one, `${OUTPUT.chartsDir}/community-mrs-per-release.svg`)).toContain('Monthly value');
  });

  it('draws the per-release KPI chart in the email by release, with alt text naming releases', () => {
    const svg = fileText(result, `${OUTPUT.chartsDir}/community-mrs-per-release.svg`);
    expect(svg).toContain('>18.5<');
    expect(svg).toContain('Per release');
    const alt = result.email.attachments.find((a) => a.cid.startsWith('chart-community-mrs-per-release'))?.alt;
    expect(alt).toContain('Trend of Wider Community Merged MRs per Release by release, 17.5 to 18.5. 18.5: 512 merge requests against a target of 450.');
    expect(html).toContain('By release: … 18.0: 470 · 18.1: 488 · 18.2: 463 · 18.3: 479 · 18.4: 495 · 18.5: 512');
    expect(text).toContain('Detail      By release: … 18.0: 470');
  });

  it('lists retention cohorts, the first complete and the later ones still filling in', () => {
    const s = sectionOf(page, 'contributor-retention');
    expect(s).toContain("| July 2026 | 38% | 21 | complete: this month's value |");
    expect(s).toContain('| August 2026 | 28% | 18 | still filling in |');
    expect(s).toContain('| September 2026 | — | 0 | no first-time contributors |');
    expect(text).toContain('Detail      Jul ’26 cohort: 38% of 21 came back; still filling in: Aug ’26 28% of 18, Sep ’26 no first-timers.');
  });

  it('shows median, p75 and the MRs merged without a review comment', () => {
    const s = sectionOf(page, 'community-mr-time-to-first-review');
    expect(s).toContain('| Median | 1 hour | 41 merge requests |');
    expect(s).toContain('| 75th percentile | 19 hours | 41 merge requests |');
    expect(s).toContain('| Merged without a review comment | 1 merge request | — |');
    expect(html).toContain('Median 1 hour, p75 19 hours (of 41 merge requests); 1 merged without a review comment.');
  });

  it('lists counted items with links and dates on the page, and only a count in the email', () => {
    const s = sectionOf(page, 'meetups');
    expect(s).toContain('- [GitLab Meetup Berlin \\| October](https://gitlab.com/gitlab-com/marketing/meetups/-/issues/101) · 3 October 2026');
    expect(s).toContain('- [São Paulo CI/CD \\[hands-on\\]](https://gitlab.com/gitlab-com/marketing/meetups/-/issues/107) · 24 October 2026');
    expect(html).toContain('Each one is listed, with a link, on the full report.');
    expect(html).not.toContain('Lagos DevOps Night');
  });

  it('says "estimate" wherever an estimated value appears', () => {
    expect(page).toContain('| [Forum Monthly Active Users](#forum-monthly-active-users) | 10,240 users (estimate) |');
    expect(sectionOf(page, 'forum-monthly-active-users')).toContain('**This month:** 10,240 users (estimate) · ▲ up 1%');
    expect(html).toContain('>10,240 users (estimate)<');
    expect(text).toMatch(/Forum Monthly Active Users +10,240 users \(estimate\)/);
    expect(text).toContain('This month  10,240 users (estimate) ·');
    const data = parse(fileText(result, OUTPUT.piData)) as Array<{ name: string; health: { reasons: string[] } }>;
    expect(data.find((d) => d.name === 'Forum Monthly Active Users')?.health.reasons).toContain('the value is an estimate, not an exact count');
    // Only there: exact values carry no such word.
    expect(page.match(/\(estimate\)/g)).toHaveLength(2);
  });
});

describe('render: hostile strings in breakdowns and releases', async () => {
  const result = await renderReport(hostileReport());
  const page = fileText(result, OUTPUT.page);

  it('escapes item titles and links: pipes, shortcodes, javascript: and data: never become markup or links', () => {
    const items = page.split('\n').filter((l) => l.startsWith('- ') && l.includes('2026'));
    expect(items.length).toBeGreaterThan(5);
    expect(page).toContain('- a \\| b \\|\\| c · ');
    expect(page).not.toMatch(/(?<!\\)\]\((javascript|data):/i);
    expect(page).toContain('](https://example.com/x|y%29%28%3Cb%3E) · 3 October 2026');
    expect(page).not.toMatch(/\{\{\s*[<%]/);
    expect(page).toContain('{{\u200b< x >}}');
  });

  it('keeps release titles inside their Mermaid and table context, and out of the SVG as markup', () => {
    expect(page).toMatch(/^ {4}bar \[/m);
    for (const f of result.files.filter((x) => x.path.endsWith('.svg'))) {
      expect(String(f.content)).not.toMatch(/<script|<img|onerror=/);
    }
    const html = fileText(result, OUTPUT.emailHtml);
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html).toContain('By release:');
  });
});

describe('counted items’ dates', () => {
  it('are days in the report’s zone, where the months are counted, when the source gives the instant', async () => {
    const base = fixedReport();
    const late = {
      ...base,
      timezone: 'Europe/Berlin',
      metrics: base.metrics.map((m) => (m.id === 'meetups' && m.breakdown ? { ...m, breakdown: { ...m.breakdown, rows: m.breakdown.rows.map((r, i) => (i === 0 ? { ...r, date: '2026-10-31T23:30:00Z' } : r)) } } : m)),
    };
    const page = fileText(await renderReport(late), OUTPUT.page);
    // 23:30 UTC on 31 October is 00:30 on 1 November in Berlin.
    expect(page).toContain('(https://gitlab.com/gitlab-com/marketing/meetups/-/issues/101) · 1 November 2026');
    expect(page).not.toContain('2026-10-31T23:30:00Z');
  });
});
