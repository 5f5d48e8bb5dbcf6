// Previews of the chat posts for a person to look at: the Teams card rendered by Microsoft's own
// Adaptive Cards renderer (the `adaptivecards` npm package, with markdown-it for the Markdown
// subset Teams renders), and the Slack message as an HTML approximation of Slack's layout (Slack
// offers no offline renderer; Block Kit Builder is online). Shot with headless Chromium when it is
// installed. Development only: the product never loads these.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require_ = createRequire(import.meta.url);
const asset = (specifier: string) => readFileSync(require_.resolve(specifier), 'utf8');

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page that renders `card` with the adaptivecards renderer, in Teams' default light theme. */
export function adaptiveCardHtml(card: unknown): string {
  // `</` inside the JSON would end the script element.
  const json = JSON.stringify(card).replace(/<\//g, '<\\/');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Teams card preview</title>
<style>body{margin:0;padding:16px;background:#f5f5f5;font-family:"Segoe UI",system-ui,sans-serif}#card{max-width:520px;background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2);padding:4px}</style>
<style>${asset('adaptivecards/dist/adaptivecards.css')}</style>
<script>${asset('markdown-it/dist/markdown-it.min.js')}</script>
<script>${asset('adaptivecards/dist/adaptivecards.min.js')}</script>
</head><body><div id="card"></div><script>
const md = window.markdownit();
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; };
const card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig({ fontFamily: '"Segoe UI", system-ui, sans-serif' });
card.parse(${json});
document.getElementById('card').appendChild(card.render());
</script></body></html>`;
}

type SlackText = { type: string; text: string };
type SlackBlock = { type: string; text?: SlackText; elements?: SlackText[] };

/** Slack mrkdwn to HTML, as far as the summary uses it: entities, *bold*, <url|text>, line breaks. */
function mrkdwn(text: string): string {
  return text
    .replace(/"/g, '&quot;')
    .replace(/&lt;|&gt;|&amp;/g, (e) => e) // already escaped by the sender, shown as the characters
    .replace(/<([^|>]+)\|([^>]+)>/g, (_m, url: string, label: string) => `<a href="${url}">${label}</a>`)
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;])/g, '$1<b>$2</b>')
    .replace(/\n/g, '<br>');
}

/** An HTML approximation of how Slack lays out the message's blocks (Lato, 15px, Slack's greys). */
export function slackHtml(message: { text: string; blocks: SlackBlock[] }): string {
  const blocks = message.blocks
    .map((b) => {
      if (b.type === 'header') return `<div class="header">${esc(b.text?.text ?? '')}</div>`;
      if (b.type === 'divider') return '<hr>';
      if (b.type === 'context') return `<div class="context">${(b.elements ?? []).map((e) => (e.type === 'mrkdwn' ? mrkdwn(e.text) : esc(e.text))).join(' ')}</div>`;
      if (b.type === 'section' && b.text) return `<div class="section">${b.text.type === 'mrkdwn' ? mrkdwn(b.text.text) : esc(b.text.text)}</div>`;
      return `<div class="unknown">[${esc(b.type)} block]</div>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Slack message preview</title><style>
body{margin:0;padding:16px;background:#fff;font:15px/1.46668 Lato,"Helvetica Neue",Arial,sans-serif;color:#1d1c1d}
.msg{display:flex;gap:8px;max-width:640px}.avatar{width:36px;height:36px;border-radius:4px;background:#4a154b;flex:none}
.name{font-weight:900}.app{font-size:10px;background:#e8e8e8;border-radius:2px;padding:1px 3px;margin-left:4px;color:#616061;font-weight:700}
.header{font-size:18px;font-weight:900;margin:4px 0 6px}.section{margin:4px 0 8px}.context{font-size:13px;color:#616061;margin:4px 0}
hr{border:0;border-top:1px solid #dddddd;margin:8px 0}a{color:#1264a3;text-decoration:none}
</style></head><body><div class="msg"><div class="avatar"></div><div><div><span class="name">community-pulse</span><span class="app">APP</span></div>
${blocks}
</div></div></body></html>`;
}

/** Writes both previews as HTML into `dir` and, when Chromium is found, a PNG of each; returns the PNG paths. */
export async function shootChatPreviews(dir: string, messages: { slack: { text: string; blocks: SlackBlock[] }; teams: { attachments: Array<{ content: unknown }> } }, chromium: string | undefined): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const pages = [
    { name: 'chat-slack', html: slackHtml(messages.slack), width: 700, height: 720 },
    { name: 'chat-teams', html: adaptiveCardHtml(messages.teams.attachments[0]?.content), width: 580, height: 860 },
  ];
  const shots: string[] = [];
  for (const page of pages) {
    const html = join(dir, `${page.name}.html`);
    await writeFile(html, page.html);
    if (!chromium) continue;
    const png = join(dir, `${page.name}.png`);
    const profile = join(dir, `.chromium-${page.name}`);
    spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', `--user-data-dir=${profile}`, `--window-size=${page.width},${page.height}`, `--screenshot=${png}`, pathToFileURL(html).href], { timeout: 60_000 });
    if (existsSync(png)) shots.push(png);
  }
  return shots;
}
