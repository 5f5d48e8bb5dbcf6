// The organisation kinds' breakdown in every output: a "By organisation" table on the page (only
// for a metric made public on purpose), one line in the email; the unmapped contributors (team
// only) are named in the email and its text part, never on the page.
import { describe, expect, it } from 'vitest';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport, metric, row } from './fixture.ts';
import { fileText, renderReport } from './helpers.ts';

function report() {
  const r = fixedReport();
  r.metrics.push(
    metric({
      id: 'contributing-customers',
      name: 'Contributing Customers',
      unit: 'customers',
      public: true,
      values: [3, 4, 4, 5, 3, 4, 6, 5, 4, 5, 6, 5, 6],
      target: 5,
      level: 3,
      reasons: ['6 vs target 5'],
      breakdown: { kind: 'organisations', rows: [row({ key: 'Globex', value: 3, count: 3 }), row({ key: 'Initech', value: 1, count: 1 }), row({ key: 'unmapped:uma', label: '@uma', value: 3, url: 'https://gitlab.com/uma' })] },
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'contributing_customers', group: 'gitlab-org' } },
    }),
    metric({
      id: 'mrarr',
      name: 'MRARR',
      unit: 'USD',
      public: false,
      values: [90000, 120000, 110000, 150000, 100000, 130000, 160000, 140000, 120000, 150000, 170000, 140000, 150000],
      target: 120000,
      level: 3,
      reasons: ['150,000 vs target 120,000'],
      breakdown: { kind: 'organisations', rows: [row({ key: 'Globex', value: 150000, count: 3 }), row({ key: 'Initech', value: 0, count: 1 })] },
      source: { name: 'gitlab', type: 'gitlab', query: { kind: 'mrarr', group: 'gitlab-org' } },
    }),
  );
  return r;
}

describe('render: the organisation breakdown', async () => {
  const result = await renderReport(report());
  const page = fileText(result, OUTPUT.page);
  const text = fileText(result, OUTPUT.emailText);
  const html = fileText(result, OUTPUT.emailHtml);

  it('shows a public organisation metric by organisation on the page, without the unmapped contributors', () => {
    expect(page).toContain('| Organisation | Merge requests |\n| --- | --- |\n| Globex | 3 |\n| Initech | 1 |');
    expect(page).not.toContain('uma');
  });

  it('keeps an internal one (MRARR: ARR is confidential) off the page entirely', () => {
    expect(page).not.toContain('MRARR');
    expect(page).not.toContain('150,000');
  });

  it('names both in the email, the MRARR by organisation and the unmapped contributors for the team', () => {
    expect(text).toContain('By organisation: Globex 3 · Initech 1; not yet in the organisations file: @uma (3).');
    expect(text).toContain('By organisation: Globex 150,000 USD · Initech 0 USD.');
    expect(html).toContain('not yet in the organisations file: @uma (3)');
  });
});
