// A minimal Hugo site for tests: one content page, a data file, and layouts that print what a
// handbook template would (here: `anchorize` of each name, the function the handbook's
// performance-indicator links use). Uses the installed hugo; callers skip when it is absent.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function whichHugo(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v hugo'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

export interface HugoBuild {
  /** The built page's HTML. */
  html: string;
  /** `anchorize` of each name, as Hugo computes it. */
  anchors: string[];
  log: string;
}

/** Builds `page` (a content file) and returns its HTML and Hugo's `anchorize` of every name. */
export function hugoBuild(page: string, names: readonly string[]): HugoBuild {
  const site = mkdtempSync(join(tmpdir(), 'pulse-hugo-anchors-'));
  try {
    writeFileSync(join(site, 'config.toml'), ['baseURL = "https://handbook.example.com/"', 'title = "Handbook"', 'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]', ''].join('\n'));
    mkdirSync(join(site, 'layouts/_default'), { recursive: true });
    mkdirSync(join(site, 'data'), { recursive: true });
    writeFileSync(join(site, 'data/names.json'), JSON.stringify(names));
    writeFileSync(join(site, 'layouts/_default/list.html'), '<main>{{ .Content }}</main>\n');
    writeFileSync(join(site, 'layouts/_default/single.html'), '<main>{{ .Content }}</main>\n');
    // One anchor per line, JSON-encoded by Hugo so every character survives.
    writeFileSync(join(site, 'layouts/index.html'), '{{ range .Site.Data.names }}{{ anchorize . | jsonify }}\n{{ end }}');
    mkdirSync(join(site, 'content/handbook/pi'), { recursive: true });
    writeFileSync(join(site, 'content/handbook/pi/_index.md'), page);
    const run = spawnSync(whichHugo() ?? 'hugo', ['--source', site, '--destination', join(site, 'public')], { encoding: 'utf8' });
    const log = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0) throw new Error(`hugo failed (${run.status}):\n${log}`);
    const anchors = readFileSync(join(site, 'public/index.html'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string);
    return { html: readFileSync(join(site, 'public/handbook/pi/index.html'), 'utf8'), anchors, log };
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
}

/** Every element id in an HTML page. */
export function idsOf(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}
