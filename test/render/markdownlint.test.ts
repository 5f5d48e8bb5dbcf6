// The page passes the handbook's lint job: markdownlint-cli2 with the handbook's rules
// (test/render/markdownlint/.markdownlint.yaml) finds nothing in the rendered fixture pages, and
// finds what it should in a page that breaks them (so a silent linter cannot pass this test).
import { describe, expect, it } from 'vitest';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport, largeReport } from './fixture.ts';
import { fileText, renderReport } from './helpers.ts';
import { hostileReport } from './hostile-fixture.ts';
import { handbookLint } from './markdownlint.ts';

describe('the page under the handbook markdownlint rules', () => {
  it('finds the rules it is given: ## then ####, and two blank lines at the end', { timeout: 120_000 }, () => {
    const findings = handbookLint({ 'bad.md': '# Title\n\n## Indicator\n\n#### Last 13 months\n\nText.\n\n' });
    expect(findings.some((f) => f.includes('MD001'))).toBe(true);
    expect(findings.some((f) => f.includes('MD012'))).toBe(true);
  });

  it('finds nothing in the fixed, hostile and large reports’ pages', { timeout: 120_000 }, async () => {
    const pages: Record<string, string> = {};
    for (const [name, report] of [
      ['fixed.md', fixedReport()],
      ['hostile.md', hostileReport()],
      ['large.md', largeReport(15)],
    ] as const) {
      pages[name] = fileText(await renderReport(report), OUTPUT.page);
    }
    // markdownlint checks link fragments (MD051) with GitHub's slug rules and accepts `{#id}` only
    // as [a-z0-9] words joined by single "-" or "_". For names with newlines or doubled spaces Hugo's
    // id (the one the handbook links to, tested against hugo in anchor.test.ts) has a "--" there.
    // Only the hostile report has such names; every other finding counts.
    const findings = handbookLint(pages).filter((f) => !(f.startsWith('hostile.md:') && f.includes('MD051/link-fragments')));
    expect(findings).toEqual([]);
  });
});
