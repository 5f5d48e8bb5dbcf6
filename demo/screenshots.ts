// Screenshots of the demo's email at phone and desktop widths, when Chromium is installed (they
// are a bonus: the demo never fails for want of them). Both run at once, each with a deadline.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(path: string | undefined): string | undefined {
  for (const dir of (path ?? '').split(delimiter).filter(Boolean)) {
    for (const name of CANDIDATES) if (existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * Headless Chromium shoots the window, not the page: tall enough for the demo's whole email (18
 * indicators end near 3,350 px at 600 wide and 4,400 px at 375), so nothing is cut off.
 */
const HEIGHT: Record<number, number> = { 600: 3600, 375: 4700 };

function shoot(chromium: string, html: string, png: string, width: number, timeoutMs: number): Promise<string | undefined> {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--window-size=${width},${HEIGHT[width] ?? 4000}`, `--screenshot=${png}`, pathToFileURL(html).href];
  return new Promise((resolve) => {
    execFile(chromium, args, { timeout: timeoutMs }, () => resolve(existsSync(png) ? png : undefined));
  });
}

const emailMetaSchema = z.object({ attachments: z.array(z.object({ cid: z.string(), path: z.string() })) });

/**
 * A copy of the email's HTML a browser can show: each `cid:` image (resolved by mail clients from
 * the message's inline parts) points at the chart file beside it instead.
 */
async function browserCopy(runDir: string, dir: string): Promise<string | undefined> {
  // The run writes one itself (email.preview.html); a copy is made only for older run directories.
  const written = join(runDir, 'email.preview.html');
  if (existsSync(written)) return written;
  const htmlPath = join(runDir, 'email.html');
  const metaPath = join(runDir, 'email.json');
  if (!existsSync(htmlPath) || !existsSync(metaPath)) return undefined;
  let html = await readFile(htmlPath, 'utf8');
  const meta = emailMetaSchema.parse(JSON.parse(await readFile(metaPath, 'utf8')));
  const preview = join(dir, 'email-preview.html');
  for (const a of meta.attachments) html = html.split(`cid:${a.cid}`).join(relative(dirname(preview), join(runDir, a.path)));
  await mkdir(dir, { recursive: true });
  await writeFile(preview, html);
  return preview;
}

/** PNGs of the run's email at 600 and 375 px in `dir`; [] without Chromium or when it fails. */
export async function screenshotEmail(runDir: string, dir: string, path: string | undefined, timeoutMs = 8000): Promise<string[]> {
  const chromium = findChromium(path);
  if (!chromium) return [];
  const html = await browserCopy(runDir, dir);
  if (!html) return [];
  // Chromium writes no file into a folder that does not exist (the run's own preview needs no copy,
  // so nothing else has made it yet).
  await mkdir(dir, { recursive: true });
  const shots = await Promise.all([shoot(chromium, html, join(dir, 'email-600.png'), 600, timeoutMs), shoot(chromium, html, join(dir, 'email-375.png'), 375, timeoutMs)]);
  return [...shots.filter((s): s is string => s !== undefined), ...(await chatShots(runDir, dir, chromium))];
}

/** The chat posts the run wrote (chat-slack.json, chat-teams.json), rendered and shot; [] without them. */
async function chatShots(runDir: string, dir: string, chromium: string): Promise<string[]> {
  const slack = join(runDir, 'chat-slack.json');
  const teams = join(runDir, 'chat-teams.json');
  if (!existsSync(slack) || !existsSync(teams)) return [];
  const { shootChatPreviews } = await import('./chat-previews.ts');
  return shootChatPreviews(dir, { slack: JSON.parse(await readFile(slack, 'utf8')) as never, teams: JSON.parse(await readFile(teams, 'utf8')) as never }, chromium);
}
