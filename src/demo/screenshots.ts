// Screenshots of the demo's email at phone and desktop widths, when Chromium is installed (they
// are a bonus: the demo never fails for want of them). Both run at once, each with a deadline.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function shoot(chromium: string, html: string, png: string, width: number, timeoutMs: number): Promise<string | undefined> {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=${width},2200`, `--screenshot=${png}`, pathToFileURL(html).href];
  return new Promise((resolve) => {
    execFile(chromium, args, { timeout: timeoutMs }, () => resolve(existsSync(png) ? png : undefined));
  });
}

/** PNGs of `html` at 600 and 375 px in `dir`; [] without Chromium or when it fails. */
export async function screenshotEmail(html: string, dir: string, path: string | undefined, timeoutMs = 8000): Promise<string[]> {
  const chromium = findChromium(path);
  if (!chromium || !existsSync(html)) return [];
  await mkdir(dir, { recursive: true });
  const shots = await Promise.all([shoot(chromium, html, join(dir, 'email-600.png'), 600, timeoutMs), shoot(chromium, html, join(dir, 'email-375.png'), 375, timeoutMs)]);
  return shots.filter((s): s is string => s !== undefined);
}
