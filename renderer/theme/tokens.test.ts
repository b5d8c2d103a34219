import { contrastRatio } from './contrast';
import { DIGIT_GLYPH_EM, HANGUL_GLYPH_EM, PALETTES, sizesFor } from './tokens';

describe('sizes from pixels per millimetre (ui.md)', () => {
  it.each([
    [4.03, 56, 48],
    [3.64, 51, 44],
    [3.21, 45, 39],
  ])('at %s px/mm text is %s px (Hangul ≥ 12 mm) and targets ≥ %s px (12 mm)', (pxPerMm, text, target) => {
    const sizes = sizesFor(pxPerMm);
    expect(sizes.textPx).toBe(text);
    expect((sizes.textPx * HANGUL_GLYPH_EM) / pxPerMm).toBeGreaterThanOrEqual(12);
    expect(sizes.targetPx).toBeGreaterThanOrEqual(target);
    expect(sizes.gapPx / pxPerMm).toBeGreaterThanOrEqual(2.5);
    expect((sizes.amountPx * DIGIT_GLYPH_EM) / pxPerMm).toBeGreaterThanOrEqual(12);
  });

  it('gives the recommended layout of the 23.8" panel', () => {
    const sizes = sizesFor(3.64);
    expect(sizes).toMatchObject({ gapPx: 24, groupGapPx: 32, sideMarginPx: 48, buttonHeightPx: 96, primaryButtonHeightPx: 128, bottomBarPx: 160, keyWidthPx: 280, keyHeightPx: 144 });
    expect(sizes.amountPx).toBeGreaterThanOrEqual(72);
  });

  it('doubles text at 200 %', () => {
    expect(sizesFor(3.64, 2).textPx).toBe(2 * sizesFor(3.64, 1).textPx);
  });

  it('keeps controls below 1,220 mm from the floor in the low-position layout', () => {
    // The panel's lower edge at 850 mm: 370 mm of screen above it are within reach.
    expect(sizesFor(3.64).reachablePx).toBe(Math.round(370 * 3.64));
  });

  it('makes borders one step thicker in high contrast', () => {
    expect(sizesFor(3.64, 1, true).borderPx).toBeGreaterThan(sizesFor(3.64, 1, false).borderPx);
  });
});

describe('colour contrast (KRDS: body 7:1, high contrast 15:1 body and 7:1 elsewhere)', () => {
  it.each(Object.entries(PALETTES))('%s', (scheme, palette) => {
    const body = scheme === 'default' ? 7 : 15;
    const other = scheme === 'default' ? 4.5 : 7;
    expect(contrastRatio(palette.fg, palette.bg)).toBeGreaterThanOrEqual(body);
    expect(contrastRatio(palette.fg, palette.bgSubtle)).toBeGreaterThanOrEqual(body);
    expect(contrastRatio(palette.fgSubtle, palette.bg)).toBeGreaterThanOrEqual(scheme === 'default' ? 7 : 15);
    expect(contrastRatio(palette.primaryText, palette.bg)).toBeGreaterThanOrEqual(other);
    expect(contrastRatio(palette.onPrimary, palette.primaryFill)).toBeGreaterThanOrEqual(other);
    expect(contrastRatio(palette.danger, palette.bg)).toBeGreaterThanOrEqual(other);
    expect(contrastRatio(palette.success, palette.bg)).toBeGreaterThanOrEqual(other);
    expect(contrastRatio(palette.focus, palette.bg)).toBeGreaterThanOrEqual(3);
  });

  it('measures known KRDS pairs as KRDS does', () => {
    expect(contrastRatio('#256ef4', '#ffffff')).toBeCloseTo(4.55, 1);
    expect(contrastRatio('#1e2124', '#ffffff')).toBeCloseTo(16.2, 0);
  });
});
