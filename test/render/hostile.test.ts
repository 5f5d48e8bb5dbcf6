// Strings from goals files and APIs are not trusted: table pipes, newlines, HTML, Hugo shortcodes,
// backticks, Markdown links, quotes inside Mermaid labels, very long and right-to-left text. Each
// output keeps its structure whatever they hold.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OUTPUT } from '../../src/render/index.ts';
import { MERMAID_INIT } from '../../src/render/mermaid.ts';
import { hugoSafe, mdCell, mdLink, mermaidLabel, safeUrl } from '../../src/render/escape.ts';
import { HOSTILE, hostileReport } from './hostile-fixture.ts';
import { dangerousTags, fileText, renderReport, tagsOf } from './helpers.ts';

/** Cells of a Markdown table row: split on pipes that are not backslash-escaped. */
function cells(row: string): number {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/).length;
}

describe('render with hostile strings', async () => {
  const result = await renderReport(hostileReport());
  const page = fileText(result, OUTPUT.page);

  it('keeps every Markdown table row at its header’s cell count', () => {
    const lines = page.split('\n');
    let header = 0;
    let rows = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(line);
      else {
        rows++;
        expect(cells(line), line.slice(0, 200)).toBe(header);
      }
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('leaves no Hugo shortcode delimiter anywhere, code and Mermaid included', () => {
    expect(page).not.toMatch(/\{\{\s*[<%]/);
    expect(fileText(result, OUTPUT.piData)).not.toMatch(/\{\{\s*[<%]/);
  });

  it('keeps each Mermaid block to the xychart grammar, one statement a line', () => {
    const blocks = [...page.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
    expect(blocks.length).toBe(HOSTILE.length);
    const quoted = '"[^"`\\n]*"';
    const statement = new RegExp(`^(${MERMAID_INIT.replace(/[{}[\]()^$.*+?|\\]/g, '\\$&')}|xychart-beta|    title ${quoted}|    x-axis \\[${quoted}(, ${quoted})*\\]|    y-axis ${quoted} 0 --> [\\d.]+|    (line|bar) \\[[\\d., -]+\\])$`);
    for (const block of blocks) for (const line of block.trimEnd().split('\n')) expect(line, line).toMatch(statement);
    // Fences: only the ones the template opens and closes.
    const fences = page.split('\n').filter((l) => l.startsWith('```'));
    expect(fences.every((l) => l === '```mermaid' || l === '```')).toBe(true);
    expect(fences.length % 2).toBe(0);
  });

  it('makes links only of http(s) URLs, on the page and in the email', () => {
    const destinations = [...page.matchAll(/(?<!\\)\]\(([^)\s]*)\)/g)].map((m) => m[1] ?? '');
    for (const d of destinations) expect(d, d).toMatch(/^(https?:\/\/|#)/);
    const html = fileText(result, OUTPUT.emailHtml);
    for (const href of html.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^https?:\/\//);
    expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/i);
  });

  it('puts no markup from the data into the email HTML', () => {
    const html = fileText(result, OUTPUT.emailHtml);
    expect(dangerousTags(html)).toEqual([]);
    expect(tagsOf(html).filter((t) => t.name === 'img').length).toBe(3);
    expect(html).toContain('&lt;script&gt;');
    expect(fileText(result, OUTPUT.emailMjml)).not.toMatch(/<script|<img src=x/);
    // The detector itself finds real markup.
    expect(dangerousTags('<p title="a &lt;script&gt;"><img src=x onerror=alert(1)><script>x</script></p>')).toEqual(['<img src onerror>', '<script >']);
  });

  it('clips 300-character strings in the email (names at 120) and in page headings (the handbook’s 100-character lines), keeps them whole in the page’s text', () => {
    const html = fileText(result, OUTPUT.emailHtml);
    expect(html).not.toContain('L'.repeat(201));
    expect(html).toContain(`${'L'.repeat(119)}…`);
    expect(page).toContain(`\n## ${'L'.repeat(96)}…\n`);
    expect(page).toContain('L'.repeat(300));
  });

  it('isolates right-to-left text so it cannot reorder what surrounds it', () => {
    expect(page).toContain('\u2068مساهمو المجتمع الشهريون עברית\u2069');
    expect(fileText(result, OUTPUT.emailText)).toContain('\u2068مساهمو');
  });

  it('keeps the text part one line per field and the PI data valid YAML with the same names', () => {
    const text = fileText(result, OUTPUT.emailText);
    expect(text).not.toContain('line one\nline two');
    const data = parse(fileText(result, OUTPUT.piData)) as Array<{ name: string }>;
    expect(data).toHaveLength(HOSTILE.length);
    expect(data[0]?.name).toBe('a | b || c');
    expect(data[1]?.name).toBe('line one line two - not a list');
    expect(data[3]?.name).toBe('{{\u200b< x >}} and {{\u200b% y %}} and {{\u200b<x>}}');
  });

  it('escapes each context on its own', () => {
    expect(mdCell('a|b\nc')).toBe('a\\|b c');
    expect(mdCell('')).toBe(' ');
    expect(hugoSafe('{{< x >}} {{% y %}} {{ <z')).toBe('{{\u200b< x >}} {{\u200b% y %}} {{\u200b <z');
    expect(mdLink('x](y', 'javascript:alert(1)')).toBe('x\\](y');
    expect(mdLink('site', 'https://e.com/a b(c)')).toBe('[site](https://e.com/a%20b%28c%29)');
    expect(mermaidLabel('say "hi" `x` %% c')).toBe('say ”hi” ʼxʼ % % c');
    expect(safeUrl('data:text/html,x')).toBeNull();
    expect(safeUrl('HTTPS://Example.com')).toBe('https://example.com/');
  });
});
