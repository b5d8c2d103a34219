import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create, type Font } from 'fontkit';

/**
 * The typeface of every printed paper: PretendardGOV, the Korean government's KRDS typeface (npm `pretendard-gov`).
 *
 * Why the TTF files and not the OTF ones: fontkit subsets TrueType outlines compactly (a one-page certificate
 * embeds ~7 KB of font) while its CFF subsets of this font are five times larger and slower to write. Why the
 * fonts are parsed once per process: parsing a 5 MB Korean font costs ~20 ms, more than laying out a whole page,
 * and pdfkit accepts an already-parsed fontkit font, so every document shares these two objects. pdfkit still
 * embeds a fresh subset per document (only the glyphs used), so the PDFs stay small.
 */
export type TypefaceWeight = 'regular' | 'bold';

const FILES: Record<TypefaceWeight, string> = {
  regular: 'dist/public/static/alternative/PretendardGOV-Regular.ttf',
  bold: 'dist/public/static/alternative/PretendardGOV-Bold.ttf',
};

/** Characters every paper needs; checked when the fonts are loaded so that a font swap cannot silently print tofu. */
export const REQUIRED_CHARACTERS = '가힣₩￦※·○●■□①';

/**
 * OpenType features applied when laying out text: kerning only. PretendardGOV carries many contextual lookups
 * (calt, clig …) for typographic niceties — a raised hyphen between digits, arrows from `->` — that make fontkit's
 * shaping five times slower and that no certificate or receipt needs. Hangul syllables are precomposed, so the
 * Hangul shaper's own jamo features still apply and nothing Korean changes.
 */
export const LAYOUT_FEATURES: Readonly<Record<string, boolean>> = {
  ccmp: false,
  locl: false,
  rlig: false,
  mark: false,
  mkmk: false,
  calt: false,
  clig: false,
  liga: false,
  rclt: false,
  curs: false,
  kern: true,
};

/**
 * The parsed font with `layout` defaulting to LAYOUT_FEATURES. pdfkit calls `layout(text)` without features on
 * its per-word cached path, so the default has to live on the font object itself.
 */
function withLayoutFeatures(font: Font): Font {
  const layout = font.layout.bind(font);
  return Object.create(font, {
    layout: { value: (text: string, features?: readonly string[] | Record<string, boolean>) => layout(text, features ?? LAYOUT_FEATURES) },
  }) as Font;
}

let cache: Record<TypefaceWeight, Font> | undefined;

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pretendard-gov/package.json'));
}

export function typefacePath(weight: TypefaceWeight): string {
  return path.join(packageDir(), FILES[weight]);
}

/** The parsed fonts, loaded on first use. Throws (a set-up error, not a runtime condition) if a glyph is missing. */
export function typefaces(): Record<TypefaceWeight, Font> {
  if (cache) return cache;
  const loaded = {
    regular: withLayoutFeatures(create(readFileSync(typefacePath('regular')))),
    bold: withLayoutFeatures(create(readFileSync(typefacePath('bold')))),
  };
  for (const [weight, font] of Object.entries(loaded)) {
    for (const character of REQUIRED_CHARACTERS) {
      const codePoint = character.codePointAt(0) ?? 0;
      if (!font.hasGlyphForCodePoint(codePoint)) {
        throw new Error(`font ${weight} (${font.postscriptName}) has no glyph for U+${codePoint.toString(16).toUpperCase()}`);
      }
    }
  }
  cache = loaded;
  return loaded;
}

/** Whether every character of `text` can be drawn (Hanja coverage of the typeface is partial: ~7,100 ideographs). */
export function canRender(text: string, weight: TypefaceWeight = 'regular'): boolean {
  const font = typefaces()[weight];
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (codePoint > 0x20 && !font.hasGlyphForCodePoint(codePoint)) return false;
  }
  return true;
}
