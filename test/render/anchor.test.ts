// The handbook links to an indicator as `base_path#{{ anchorize .name }}`. Every indicator's
// section answers to that anchor on the built page — checked against the installed hugo's own
// anchorize, not against our reading of it. Skips with a message when hugo is not installed.
import { describe, expect, it } from 'vitest';
import { hugoAnchorize } from '../../src/render/anchor.ts';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport } from './fixture.ts';
import { fileText, renderReport } from './helpers.ts';
import { HOSTILE, hostileReport } from './hostile-fixture.ts';
import { hugoBuild, idsOf, whichHugo } from './hugo-site.ts';

const hugo = whichHugo();
if (!hugo) console.warn('SKIPPED anchor.test.ts: the `hugo` binary is not installed (apt-get install hugo)');

/** Names whose Hugo id differs from GitHub-style or naive slugs, plus the demo's and the fixture's. */
const NAMES = [
  'Unique Wider Community Contributors per Month',
  'Open Community MR Age (OCMA)',
  'Forum Time to First Response',
  'R&D spend',
  'MRs_merged (p75)',
  'Über-Größe Ärger',
  'İstanbul İ',
  '  spaced  out ',
  'Emoji 🎉 rocket',
  'Time-to-merge — median',
  '汉字 名前',
  '١٢٣ Arabic-Indic digits ٤',
  'x² ½ Ⅻ',
  '!!!',
  ...HOSTILE,
];

describe.skipIf(!hugo)('anchors the handbook links to', () => {
  it('hugoAnchorize matches hugo’s anchorize', { timeout: 120_000 }, () => {
    const { anchors } = hugoBuild('---\ntitle: t\n---\n', NAMES);
    expect(NAMES.map(hugoAnchorize)).toEqual(anchors);
  });

  for (const [label, make] of [
    ['fixed', fixedReport],
    ['hostile', hostileReport],
  ] as const) {
    it(`every public indicator of the ${label} report has a section with id anchorize(name), and the summary links to it`, { timeout: 120_000 }, async () => {
      const report = make();
      const page = fileText(await renderReport(report), OUTPUT.page);
      // A name too long for the handbook's 100-character heading line cannot carry its own id (docs/handbook-page.md).
      const names = report.metrics.filter((m) => m.public && [...m.name].length <= 80).map((m) => m.name);
      const { html, anchors } = hugoBuild(page, names);
      const ids = idsOf(html);
      for (const [i, anchor] of anchors.entries()) {
        if (anchor === '') continue;
        expect(ids, `section for ${JSON.stringify(names[i])}`).toContain(anchor);
        expect(html, `summary link for ${JSON.stringify(names[i])}`).toContain(`href="#${encodeURI(anchor).replace(/%25/g, '%')}"`);
      }
      expect(anchors.filter(Boolean).length).toBeGreaterThan(label === 'fixed' ? 8 : 6);
    });
  }
});
