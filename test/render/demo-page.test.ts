// The demo's page as the handbook gets it (`community-pulse demo`, the sample world's October
// 2026, 18 public indicators): it passes the handbook's markdownlint rules, every section answers to
// the handbook's anchorize(name) link in a real hugo build, and every chart renders with the real
// Mermaid in Chromium — no parse error, drawn in the page's palette. Screenshots of the charts on a
// light and a dark page are kept in test-artifacts/ for a person to look at.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERMAID_PALETTE } from '../../src/render/mermaid.ts';
import { hugoBuild, idsOf, whichHugo } from './hugo-site.ts';
import { handbookLint } from './markdownlint.ts';
import { mermaidBlocks, renderMermaid, whichChromium } from './mermaid-browser.ts';

const ROOT = join(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const dir = mkdtempSync(join(tmpdir(), 'pulse-demo-page-'));
const committedPage = join(dir, 'pulse-demo/handbook/content/handbook/marketing/developer-relations/performance-indicators/_index.md');
let page = '';
let names: string[] = [];

beforeAll(() => {
  // PATH holds only Node, so the demo takes no screenshots of its own (faster, and not needed here).
  const run = spawnSync(process.execPath, [join(ROOT, 'src/cli.ts'), 'demo', '--out', 'pulse-demo'], { cwd: dir, encoding: 'utf8', env: { PATH: dirname(process.execPath) }, timeout: 120_000 });
  if (run.status !== 0) throw new Error(`demo failed (${run.status}): ${run.stderr}`);
  page = readFileSync(committedPage, 'utf8');
  const report = JSON.parse(readFileSync(join(dir, 'pulse-demo/run/report.json'), 'utf8')) as { metrics: Array<{ name: string; public: boolean }> };
  names = report.metrics.filter((m) => m.public).map((m) => m.name);
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo page', () => {
  it('has 18 public indicators (the organisation ones are internal)', () => {
    expect(names).toHaveLength(18);
  });

  it('passes the handbook’s markdownlint rules, as committed and as written to --out', { timeout: 120_000 }, () => {
    expect(handbookLint({ '_index.md': page, 'page.md': readFileSync(join(dir, 'pulse-demo/run/page.md'), 'utf8') })).toEqual([]);
  });

  it.skipIf(!whichHugo())('answers to the handbook’s link base_path#{{ anchorize .name }} for every indicator', { timeout: 120_000 }, () => {
    const { html, anchors } = hugoBuild(page, names);
    const ids = idsOf(html);
    expect(anchors.filter((a) => !ids.includes(a))).toEqual([]);
  });

  it.skipIf(!whichChromium())(
    'renders every chart with the real Mermaid in Chromium, in the palette, on light and dark pages',
    () => {
      const blocks = mermaidBlocks(page);
      expect(blocks).toHaveLength(18);
      mkdirSync(ARTIFACTS, { recursive: true });
      for (const [background, shot] of [
        ['#ffffff', 'mermaid-demo-light.png'],
        ['#1e1e1e', 'mermaid-demo-dark.png'],
      ] as const) {
        const results = renderMermaid(whichChromium() ?? 'chromium', blocks, { screenshot: join(ARTIFACTS, shot), background });
        expect(results.filter((r) => !r.ok).map((r) => r.output)).toEqual([]);
        for (const [i, r] of results.entries()) {
          const svg = r.output.toLowerCase();
          expect(svg, `chart ${i}: values`).toContain(MERMAID_PALETTE[0]);
          // The target line is drawn in the second colour wherever the block has one.
          if (/^ {4}line .*\n {4}line /m.test(blocks[i] ?? '') || /^ {4}bar .*\n {4}line /m.test(blocks[i] ?? '')) expect(svg, `chart ${i}: target`).toContain(MERMAID_PALETTE[1]);
          expect(svg, `chart ${i}: Mermaid's default #ECECFF`).not.toContain('#ececff');
        }
      }
    },
    240_000,
  );
});
