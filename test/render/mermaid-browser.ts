// Renders Mermaid blocks with the real Mermaid (the npm package's browser bundle) in headless
// Chromium, offline: a file:// page loads dist/mermaid.min.js from node_modules, renders each
// block with mermaid.render() and writes the SVG, or the parse error, into the DOM, which
// --dump-dom returns. A screenshot of the same page is kept for a person to look at.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '../..');
const MERMAID = join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js');

export function whichChromium(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0) return found.stdout.trim();
  }
  return null;
}

/** The fenced ```mermaid blocks of a Markdown page. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}

export interface MermaidResult {
  ok: boolean;
  /** The SVG on success, the error message otherwise. */
  output: string;
}

function page(blocks: readonly string[], background: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><script src="${pathToFileURL(MERMAID).href}"></script></head>
<body style="margin:0;padding:16px;background:${background};width:800px">
<div id="charts"></div><pre id="pulse-results" hidden></pre>
<script>
const blocks = ${JSON.stringify(blocks).replace(/</g, '\\u003c')};
(async () => {
  mermaid.initialize({ startOnLoad: false, theme: ${JSON.stringify(background === '#ffffff' ? 'default' : 'dark')} });
  const results = [];
  for (const [i, text] of blocks.entries()) {
    try {
      const { svg } = await mermaid.render('chart' + i, text);
      document.getElementById('charts').insertAdjacentHTML('beforeend', '<div style="width:760px;margin-bottom:12px">' + svg + '</div>');
      results.push({ ok: true, output: svg });
    } catch (error) {
      results.push({ ok: false, output: String(error && error.message || error) });
    }
  }
  document.getElementById('pulse-results').textContent = JSON.stringify(results);
})();
</script></body></html>`;
}

function chrome(chromium: string, profile: string, args: string[]): string {
  const run = spawnSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--allow-file-access-from-files', `--user-data-dir=${profile}`, ...args],
    {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`chromium failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/**
 * Renders every block; `screenshot` (a PNG path) also keeps a picture of them, `background` the
 * page colour (white draws with Mermaid's default theme, anything else with its dark theme).
 */
export function renderMermaid(chromium: string, blocks: readonly string[], options: { screenshot?: string; background?: string } = {}): MermaidResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-mermaid-'));
  try {
    const html = join(dir, 'charts.html');
    writeFileSync(html, page(blocks, options.background ?? '#ffffff'));
    const dom = chrome(chromium, join(dir, 'profile'), ['--window-size=840,900', '--virtual-time-budget=30000', '--dump-dom', pathToFileURL(html).href]);
    const json = /<pre id="pulse-results" hidden="">([^<]*)<\/pre>/.exec(dom)?.[1];
    if (!json) throw new Error(`Mermaid did not finish; the page starts: ${dom.slice(0, 300)}`);
    const results = JSON.parse(
      json
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    ) as MermaidResult[];
    if (options.screenshot) {
      const height = Math.min(16000, 80 + blocks.length * 400);
      chrome(chromium, join(dir, 'profile-shot'), [`--window-size=840,${height}`, '--virtual-time-budget=30000', `--screenshot=${options.screenshot}`, pathToFileURL(html).href]);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
