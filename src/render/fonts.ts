// The TTF font chart text is drawn with. resvg draws no text at all without a font file (and no
// error), CI images have no fonts installed, and resvg does not read WOFF2: so two TrueType faces,
// DejaVu Sans regular and bold (wide Unicode coverage, including the arrows and the Arabic and
// Hebrew letters goals files may hold), ship in the package's fonts/ folder (fonts/README.md).
import { fileURLToPath } from 'node:url';

export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** The package's fonts/ folder: two levels up from src/render/ in a clone, from dist/render/ installed. */
const FONTS = new URL('../../fonts/', import.meta.url);

/** Absolute path of the regular and bold DejaVu Sans TTF files. */
export function chartFontFiles(): { regular: string; bold: string } {
  return {
    regular: fileURLToPath(new URL('DejaVuSans.ttf', FONTS)),
    bold: fileURLToPath(new URL('DejaVuSans-Bold.ttf', FONTS)),
  };
}
