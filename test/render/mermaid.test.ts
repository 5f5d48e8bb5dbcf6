// The page's chart palette is readable: each colour keeps at least 3:1 contrast (WCAG 2.1, 1.4.11
// non-text contrast) against white and against the dark backgrounds handbook readers use.
import { describe, expect, it } from 'vitest';
import { MERMAID_INIT, MERMAID_PALETTE } from '../../src/render/mermaid.ts';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe('the Mermaid palette', () => {
  it('Mermaid’s default line colour fails the rule (so the check can fail)', () => {
    expect(contrast('#ECECFF', '#ffffff')).toBeLessThan(1.2);
  });

  for (const background of ['#ffffff', '#000000', '#1e1e1e', '#333333']) {
    it(`keeps 3:1 against ${background}`, () => {
      for (const colour of MERMAID_PALETTE) expect(contrast(colour, background), colour).toBeGreaterThanOrEqual(3);
    });
  }

  it('is set in each block’s init directive', () => {
    expect(MERMAID_INIT).toContain(`"plotColorPalette": "${MERMAID_PALETTE.join(',')}"`);
  });
});
