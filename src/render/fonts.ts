// The TTF font chart text is drawn with. resvg draws no text at all without a font file (and no
// error), CI images have no fonts installed, and resvg does not read WOFF2: so a TrueType font
// ships with the package as a dependency (dejavu-fonts-ttf, DejaVu Sans: wide Unicode coverage,
// including the arrows and the Arabic and Hebrew letters goals files may hold).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** Absolute path of the regular and bold DejaVu Sans TTF files. */
export function chartFontFiles(): { regular: string; bold: string } {
  return {
    regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  };
}
