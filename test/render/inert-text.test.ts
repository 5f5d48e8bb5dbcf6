// Issue 19 items 14, 15 and 18: explicit bidi controls (U+202A–E, U+2066–9, U+200E/F, U+061C),
// NEL and the other C0/C1 controls from names, units or API strings never reach the page, the PI
// data or either email part; the isolates the output adds (FSI … PDI around right-to-left text)
// are balanced on every line, also where a long name was cut.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OUTPUT } from '../../src/render/index.ts';
import { clip, isolate, oneLine, plainText } from '../../src/render/escape.ts';
import { metric, report } from './fixture.ts';
import { fileText, renderReport } from './helpers.ts';

const RLO = '\u202e';
const HOSTILE_NAMES = [`Contributors ${RLO}evil override`, `Views \u2066isolate left open \u200f mark \u061c letter mark`, `Line\u0085next line\u000bvertical\u000cform feed\u0000nul`, `${'مساهمو المجتمع الشهريون '.repeat(4)}end`];

const FORBIDDEN = /[\u202a-\u202e\u2066\u2067\u200e\u200f\u061c\u0085\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** FSI/PDI balanced on the line: never a PDI without its FSI, none left open at the end. */
function balanced(line: string): boolean {
  let open = 0;
  for (const c of line) {
    if (c === '\u2068') open++;
    else if (c === '\u2069' && --open < 0) return false;
  }
  return open === 0;
}

describe('untrusted strings are inert in every output', async () => {
  const hostile = report(HOSTILE_NAMES.map((name, i) => metric({ id: `m${i}`, name, unit: `unit${RLO}x`, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], target: 10, level: 3, reasons: [`reason ${RLO}x\u0085y`], words: `Above 10 ${RLO}` })));
  const result = await renderReport(hostile);

  it.each([OUTPUT.page, OUTPUT.piData, OUTPUT.emailHtml, OUTPUT.emailText])('%s: no explicit bidi control, NEL or other control character; isolates balanced per line', (file) => {
    const text = fileText(result, file);
    for (const line of text.split('\n')) {
      expect(line.replace(/\r$/, '').replace(/\t/g, ' '), JSON.stringify(line.slice(0, 120))).not.toMatch(FORBIDDEN);
      expect(balanced(line), JSON.stringify(line.slice(0, 200))).toBe(true);
    }
    expect(text).toContain('Contributors evil override');
  });

  it('a cut right-to-left name keeps its isolate closed', () => {
    const name = plainText(HOSTILE_NAMES[3]!);
    expect(name.startsWith('\u2068')).toBe(true);
    const cut = clip(name, 40);
    expect([...cut].length).toBeLessThanOrEqual(41);
    expect(balanced(cut)).toBe(true);
    expect(cut.endsWith('\u2069…')).toBe(true);
  });

  it('oneLine removes the controls; isolate adds only balanced ones', () => {
    expect(oneLine(`a${RLO}b\u0085c\u2066d\u200fe`)).toBe('ab cde');
    expect(isolate('abc')).toBe('abc');
  });
});

describe('the PI data file reads the same as YAML 1.1 (Hugo, PyYAML) (item 15)', async () => {
  const { piData, renderPiData } = await import('../../src/render/pi-data.ts');
  const names = ['yes', 'No', 'on', 'OFF', 'y', '1_000', '1:20', '0x1F', '0o17', '2026-10-01', '<<', '~', 'null', '.inf', '- dash', ': colon', '#hash', "'quote", '"dq"', 'plain name'];
  const model = report(names.map((name, i) => metric({ id: `m${i}`, name, definition: name, words: name, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], target: 10, level: 3, reasons: [name] })));

  it('every string scalar stays the same string', () => {
    const text = renderPiData(model);
    expect(parse(text, { version: '1.1' })).toEqual(JSON.parse(JSON.stringify(piData(model))));
    expect(parse(text, { version: '1.2' })).toEqual(JSON.parse(JSON.stringify(piData(model))));
    expect(text).toContain('name: "yes"');
    expect(text).toContain('name: "<<"');
  });
});
