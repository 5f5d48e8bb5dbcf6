// The email as a browser engine shows it (Debian's headless Chromium): at 600 px (desktop clients)
// and 375 px (phones) nothing overflows sideways and every chart image loads. The cid: references
// are pointed at the rendered PNGs in email.preview.html, which render writes for browsers. Screenshots are
// kept in test-artifacts/ (a CI artifact) for a person to look at. Skips when chromium is absent.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/evaluate/model.ts';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport, largeReport } from './fixture.ts';
import { fileText, renderReport } from './helpers.ts';
import { hostileReport } from './hostile-fixture.ts';

const ROOT = join(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

function which(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

const chromium = which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
if (!chromium) console.warn('SKIPPED chromium.test.ts: no chromium binary (apt-get install chromium; .ci/run installs it in CI)');

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

function chrome(profile: string, args: string[]): string {
  const run = spawnSync(chromium ?? 'chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`chromium failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

// Runs after every image has loaded or failed, then writes its findings into the DOM for --dump-dom:
// what overflows, runs of up to 20 letters or digits split across two lines (a word broken mid-word), health badges that wrap,
// the declared color-scheme, and the colours the reader sees (dark mode is checked with them).
const PROBE = `<script>
window.addEventListener('load', () => {
  const images = [...document.images].map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0, alt: i.alt }));
  const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.tagName + '.' + e.className).slice(0, 5);
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || node.parentElement.closest('[style*="display:none"], .mj-column-per-100 > div[style*="display:none"]')) continue;
    if (getComputedStyle(node.parentElement).display === 'none') continue;
    for (const m of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      if (m[0].length > 20) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  const badges = [...document.querySelectorAll('.pulse-badge')].filter((b) => b.getBoundingClientRect().height > parseFloat(getComputedStyle(b).fontSize) * 2.2).map((b) => b.textContent);
  const scheme = document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '';
  const card = document.querySelector('.pulse-card');
  const colours = { body: getComputedStyle(document.body).backgroundColor, card: card ? getComputedStyle(card).backgroundColor : '', text: card ? getComputedStyle(card.querySelector('div div div') ?? card).color : '' };
  const out = { viewport: window.innerWidth, scrollWidth: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, images, wide, broken, badges, scheme, colours };
  parent.postMessage(JSON.stringify(out), '*');
});
</script>`;

// Headless Chromium will not make a window narrower than 500 px, so the email is opened in an
// iframe of the width under test (its own viewport: media queries apply as on a phone).
function host(width: number, height: number): string {
  return `<!doctype html><html><body style="margin:0;background:#ffffff">
<iframe src="email.html" style="display:block;width:${width}px;height:${height}px;border:0"></iframe>
<script>addEventListener('message', (e) => { const pre = document.createElement('pre'); pre.id = 'pulse-probe'; pre.textContent = e.data; document.body.appendChild(pre); });</script>
</body></html>`;
}

interface Probe {
  viewport: number;
  scrollWidth: number;
  height: number;
  images: Array<{ src: string; ok: boolean; alt: string }>;
  wide: string[];
  broken: string[];
  badges: string[];
  scheme: string;
  colours: { body: string; card: string; text: string };
}

async function openEmail(report: ReportModel, name: string): Promise<{ dir: string; preview: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-email-'));
  tmp.push(dir);
  const result = await renderReport(report);
  for (const file of result.files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  // The browser preview render writes beside email.html: its images are the chart files.
  const html = fileText(result, OUTPUT.emailPreview);
  expect(html).not.toContain('cid:');
  writeFileSync(join(dir, 'email.html'), html.replace('</body>', `${PROBE}</body>`));
  return { dir, preview: join(dir, `${name}-host.html`) };
}

function look(preview: string, dir: string, width: number, screenshot: string, dark = false): Probe {
  const windowWidth = Math.max(width, 600);
  writeFileSync(preview, host(width, 900));
  // --force-dark-mode makes prefers-color-scheme: dark, as a phone in dark mode reports it.
  const mode = dark ? ['--force-dark-mode'] : [];
  const dom = chrome(join(dir, `profile-${width}${dark ? '-dark' : ''}`), [...mode, `--window-size=${windowWidth},900`, '--virtual-time-budget=10000', '--dump-dom', `file://${preview}`]);
  const json = /<pre id="pulse-probe">([^<]*)<\/pre>/.exec(dom)?.[1];
  if (!json) throw new Error(`the probe did not run; dump starts: ${dom.slice(0, 300)}`);
  const probe = JSON.parse(
    json
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  ) as Probe;
  mkdirSync(ARTIFACTS, { recursive: true });
  const height = Math.min(probe.height, 16000);
  writeFileSync(preview, host(width, height));
  chrome(join(dir, `profile-shot-${width}${dark ? '-dark' : ''}`), [...mode, `--window-size=${width < 500 ? 500 : width},${height}`, '--virtual-time-budget=10000', `--screenshot=${join(ARTIFACTS, screenshot)}`, `file://${preview}`]);
  return probe;
}

describe.skipIf(!chromium)('the email in headless Chromium', () => {
  const cases: Array<[string, () => ReportModel, number]> = [
    ['fixed', fixedReport, 3],
    ['hostile', hostileReport, 3],
    ['large', () => largeReport(15), 5],
  ];
  for (const [name, make, charts] of cases) {
    for (const width of [600, 375]) {
      it(`${name} report at ${width} px: no horizontal overflow, every image loads (test-artifacts/email-${name}-${width}.png)`, async () => {
        const { dir, preview } = await openEmail(make(), name);
        const probe = look(preview, dir, width, `email-${name}-${width}.png`);
        expect(probe.viewport).toBe(width);
        expect(probe.scrollWidth, `elements past the right edge: ${probe.wide.join(', ')}`).toBeLessThanOrEqual(width);
        expect(probe.wide).toEqual([]);
        expect(probe.images).toHaveLength(charts);
        for (const image of probe.images) {
          expect(image.ok, image.src).toBe(true);
          expect(image.alt).toMatch(/^Trend of .+\d/);
        }
        // Words break only when they cannot fit on a line of their own; badges never wrap. (The
        // hostile report's tokens such as "[click](javascript:alert(1))" are wider than a phone's
        // table cell, so they must break inside: only overflow counts there.)
        if (name !== 'hostile') expect(probe.broken).toEqual([]);
        expect(probe.badges).toEqual([]);
      });
    }
  }

  for (const width of [600, 375]) {
    it(`fixed report at ${width} px in dark mode: dark page, dark cards, light text, nothing broken (test-artifacts/email-fixed-${width}-dark.png)`, async () => {
      const { dir, preview } = await openEmail(fixedReport(), 'fixed-dark');
      const probe = look(preview, dir, width, `email-fixed-${width}-dark.png`, true);
      expect(probe.scheme).toBe('light dark');
      const rgb = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      const light = (c: string) => rgb(c).reduce((a, b) => a + b, 0) / 3;
      expect(light(probe.colours.body), probe.colours.body).toBeLessThan(60);
      expect(light(probe.colours.card), probe.colours.card).toBeLessThan(60);
      expect(light(probe.colours.text), probe.colours.text).toBeGreaterThan(180);
      expect(probe.broken).toEqual([]);
      expect(probe.badges).toEqual([]);
      expect(probe.wide).toEqual([]);
    });
  }
});
