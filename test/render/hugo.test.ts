// The page builds in Hugo (Debian's hugo 0.111, as a stand-in for the handbook): no error and no
// warning, shortcode-looking text shows literally, and data never becomes HTML even with raw HTML
// enabled (the handbook's Docsy setup allows it). Skips with a message when hugo is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/evaluate/model.ts';
import { OUTPUT } from '../../src/render/index.ts';
import { fixedReport } from './fixture.ts';
import { dangerousTags, fileText, renderReport, tagsOf } from './helpers.ts';
import { hostileReport } from './hostile-fixture.ts';

function which(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

const hugo = which('hugo');
if (!hugo) console.warn('SKIPPED hugo.test.ts: the `hugo` binary is not installed (apt-get install hugo; .ci/run installs it in CI)');

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function build(report: ReportModel): Promise<{ log: string; html: string }> {
  const site = mkdtempSync(join(tmpdir(), 'pulse-hugo-'));
  dirs.push(site);
  writeFileSync(join(site, 'config.toml'), ['baseURL = "https://handbook.example.com/"', 'title = "Handbook"', 'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]', '[markup.goldmark.renderer]', '  unsafe = true', ''].join('\n'));
  mkdirSync(join(site, 'layouts/_default'), { recursive: true });
  const layout = '<!doctype html><html><head><title>{{ .Title }}</title></head><body><main>{{ .Content }}</main></body></html>\n';
  for (const name of ['single.html', 'list.html']) writeFileSync(join(site, 'layouts/_default', name), layout);
  writeFileSync(join(site, 'layouts/index.html'), layout);
  const pageDir = join(site, 'content/handbook/pi');
  mkdirSync(pageDir, { recursive: true });
  const result = await renderReport(report);
  writeFileSync(join(pageDir, '_index.md'), fileText(result, OUTPUT.page));
  const run = spawnSync(hugo ?? 'hugo', ['--source', site, '--destination', join(site, 'public'), '--panicOnWarning'], { encoding: 'utf8' });
  const log = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0) throw new Error(`hugo failed (${run.status}):\n${log}`);
  return { log, html: readFileSync(join(site, 'public/handbook/pi/index.html'), 'utf8') };
}

describe.skipIf(!hugo)('the page in a minimal Hugo site', () => {
  it('hugo is usable', () => {
    expect(execFileSync(hugo ?? 'hugo', ['version'], { encoding: 'utf8' })).toMatch(/hugo v?0\.\d+/i);
  });

  it('builds the fixed report with no error or warning, tables and Mermaid blocks intact', async () => {
    const { log, html } = await build(fixedReport());
    expect(log).not.toMatch(/ERROR|WARN/);
    expect(html).toContain('<h2 id="unique-wider-community-contributors-per-month">Unique Wider Community Contributors per Month</h2>');
    // Two summary tables; per public section a monthly table, or a by-release one; plus the cohort and statistics tables.
    expect(html.match(/<table>/g)?.length).toBe(2 + 11 + 2);
    expect(html.match(/class="language-mermaid"/g)?.length).toBe(11);
    expect(html).toContain('<a href="https://gitlab.com/gitlab-com/marketing/meetups/-/issues/101">GitLab Meetup Berlin | October</a>');
    expect(html).toContain('<a href="#unique-wider-community-contributors-per-month">');
    expect(html).not.toContain('DevRel Content Pageviews');
  });

  it('builds the hostile report: shortcode text shows literally, no data becomes HTML', async () => {
    const { log, html } = await build(hostileReport());
    expect(log).not.toMatch(/ERROR|WARN/);
    expect(dangerousTags(html)).toEqual([]);
    expect(tagsOf(html).filter((t) => t.name === 'img').length).toBe(0);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('{{\u200b&lt; x &gt;}}');
    expect(html).toContain('{{\u200b% y %}}');
  });
});
