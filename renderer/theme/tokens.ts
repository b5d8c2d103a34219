import type { DisplayPreferences } from '../../state-machines/view-model';

/**
 * KRDS colour tokens and the kiosk's physical sizes (reference/ui.md). Every physical size is derived from one
 * pixels-per-millimetre setting of the panel (`kiosk.pxPerMm` in the view), because the law speaks in
 * millimetres, not pixels: text ≥ 12 mm Hangul glyph height, targets ≥ 12 mm a side with ≥ 2.5 mm between them.
 */
export const COLORS = {
  primary5: '#ecf2fe',
  primary20: '#b1cefb',
  primary50: '#256ef4',
  primary60: '#0b50d0',
  primary70: '#083891',
  secondary70: '#063a74',
  gray90: '#1e2124',
  gray70: '#464c53',
  gray50: '#6d7882',
  gray20: '#cdd1d5',
  gray5: '#f4f5f6',
  white: '#ffffff',
  black: '#000000',
  danger50: '#de3412',
  danger60: '#bd2c0f',
  warning60: '#8a5c00',
  success60: '#267337',
  information60: '#096ab3',
} as const;

/** Pretendard GOV: Hangul glyphs are 0.87 em tall, digits 0.727 em (ui.md). */
export const HANGUL_GLYPH_EM = 0.87;
export const DIGIT_GLYPH_EM = 0.727;

/** The law's minimums (MSIT 무인정보단말기 접근성 검증기준, KS X 9211). */
export const MIN_GLYPH_MM = 12;
export const MIN_TARGET_MM = 12;
export const MIN_TARGET_GAP_MM = 2.5;

/**
 * The recommended layout of ui.md, expressed in millimetres so it follows the panel: at 3.64 px/mm (23.8",
 * 1080 × 1920) these give the table's 24 px between tiles, 32 between groups, 48 side margins, buttons ≥ 96 px,
 * the primary action 128 px, the bottom bar 160 px and keypad keys of 280 × 144 px.
 */
const LAYOUT_MM = {
  bodyGlyph: 12.5,
  headingGlyph: 15,
  titleGlyph: 19,
  amountDigit: 14.4,
  tileGap: 6.6,
  groupGap: 8.8,
  sideMargin: 13.2,
  button: 26.4,
  primaryButton: 35.2,
  bottomBar: 44,
  keyWidth: 77,
  keyHeight: 39.6,
} as const;

/**
 * Low-position layout (장애인차별금지법 시행령: every control between 400 and 1,220 mm from the floor). With the
 * panel's lower edge at 850 mm — the MOIS standard cabinet — only the lowest 370 mm of the screen may hold
 * controls; above it the screen is display-only.
 */
export const REACH_MAX_MM = 1220;
export const PANEL_BOTTOM_EDGE_MM = 850;

/** Between the bar's buttons and around them at 200 % (≥ 2.5 mm on any panel up to 4.8 px/mm). */
const BAR_GAP_LARGE_PX = 12;

export type Sizes = {
  /** Smallest text: Hangul glyphs ≥ 12 mm tall (× the text scale). */
  readonly textPx: number;
  readonly bodyPx: number;
  readonly headingPx: number;
  readonly titlePx: number;
  /** Amounts and keypad digits: digit glyphs 14.4 mm tall (72 px at 3.64 px/mm). */
  readonly amountPx: number;
  /** Touch targets ≥ 12 mm a side, gaps ≥ 2.5 mm. */
  readonly targetPx: number;
  readonly gapPx: number;
  readonly groupGapPx: number;
  readonly sideMarginPx: number;
  readonly buttonHeightPx: number;
  readonly primaryButtonHeightPx: number;
  readonly bottomBarPx: number;
  readonly keyWidthPx: number;
  readonly keyHeightPx: number;
  /** Height of the band at the bottom of the screen that may hold controls in the low-position layout. */
  readonly reachablePx: number;
  /** Border width: one step thicker in high contrast (KRDS 선명한 화면 모드). */
  readonly borderPx: number;
  readonly focusInnerPx: number;
  readonly focusOuterPx: number;
};

export function glyphFontPx(glyphMm: number, pxPerMm: number, glyphEm: number): number {
  // Rounded up: a font size rounded down would give glyphs just under the legal height.
  return Math.ceil((glyphMm * pxPerMm) / glyphEm);
}

export function sizesFor(pxPerMm: number, textScale: 1 | 2 = 1, highContrast = false): Sizes {
  const px = (mm: number) => Math.round(mm * pxPerMm);
  const text = glyphFontPx(MIN_GLYPH_MM, pxPerMm, HANGUL_GLYPH_EM) * textScale;
  const body = glyphFontPx(LAYOUT_MM.bodyGlyph, pxPerMm, HANGUL_GLYPH_EM) * textScale;
  // At 200 % the headings stay at the body size: they are still twice the normal minimum, and a 160 px title
  // would leave six letters to a line.
  const heading = textScale === 1 ? glyphFontPx(LAYOUT_MM.headingGlyph, pxPerMm, HANGUL_GLYPH_EM) : body;
  const title = textScale === 1 ? glyphFontPx(LAYOUT_MM.titleGlyph, pxPerMm, HANGUL_GLYPH_EM) : body;
  return {
    textPx: text,
    bodyPx: body,
    headingPx: heading,
    titlePx: title,
    amountPx: glyphFontPx(LAYOUT_MM.amountDigit, pxPerMm, DIGIT_GLYPH_EM) * textScale,
    targetPx: Math.max(px(MIN_TARGET_MM), px(LAYOUT_MM.button)),
    gapPx: Math.max(px(MIN_TARGET_GAP_MM), px(LAYOUT_MM.tileGap)),
    groupGapPx: px(LAYOUT_MM.groupGap),
    sideMarginPx: px(LAYOUT_MM.sideMargin),
    buttonHeightPx: px(LAYOUT_MM.button),
    primaryButtonHeightPx: px(LAYOUT_MM.primaryButton),
    // At 200 % the four buttons of the bar go two by two.
    bottomBarPx: textScale === 1 ? px(LAYOUT_MM.bottomBar) : 2 * (Math.ceil(text * 1.3) + 16) + 3 * BAR_GAP_LARGE_PX,
    keyWidthPx: px(LAYOUT_MM.keyWidth),
    keyHeightPx: px(LAYOUT_MM.keyHeight),
    reachablePx: px(REACH_MAX_MM - PANEL_BOTTOM_EDGE_MM),
    borderPx: highContrast ? 4 : 2,
    // KRDS focus ring (2 px white + 4 px primary), doubled on a kiosk.
    focusInnerPx: 4,
    focusOuterPx: 12,
  };
}

/** The CSS custom properties the theme (kiosk.css) reads. */
export function cssVariablesFor(pxPerMm: number, display: Pick<DisplayPreferences, 'textScale' | 'contrast'>): Record<string, string> {
  const sizes = sizesFor(pxPerMm, display.textScale, display.contrast !== 'default');
  return {
    '--text': `${sizes.textPx}px`,
    '--body': `${sizes.bodyPx}px`,
    '--heading': `${sizes.headingPx}px`,
    '--title': `${sizes.titlePx}px`,
    '--amount': `${sizes.amountPx}px`,
    '--target': `${sizes.targetPx}px`,
    '--gap': `${sizes.gapPx}px`,
    '--group-gap': `${sizes.groupGapPx}px`,
    '--side': `${sizes.sideMarginPx}px`,
    '--button-h': `${sizes.buttonHeightPx}px`,
    '--primary-h': `${sizes.primaryButtonHeightPx}px`,
    '--bar-h': `${sizes.bottomBarPx}px`,
    '--key-w': `${sizes.keyWidthPx}px`,
    '--key-h': `${sizes.keyHeightPx}px`,
    '--reach': `${sizes.reachablePx}px`,
    '--border': `${sizes.borderPx}px`,
    '--focus-inner': `${sizes.focusInnerPx}px`,
    '--focus-outer': `${sizes.focusOuterPx}px`,
  };
}

/** Colour roles per contrast scheme; kiosk.css holds the same values (a test keeps them equal). */
export type Palette = {
  readonly fg: string;
  readonly fgSubtle: string;
  readonly bg: string;
  readonly bgSubtle: string;
  readonly primaryText: string;
  readonly primaryFill: string;
  readonly onPrimary: string;
  readonly danger: string;
  readonly success: string;
  readonly focus: string;
};

export const PALETTES: Record<DisplayPreferences['contrast'], Palette> = {
  default: {
    fg: COLORS.gray90,
    fgSubtle: COLORS.gray70,
    bg: COLORS.white,
    bgSubtle: COLORS.gray5,
    primaryText: COLORS.primary60,
    // primary-60 rather than primary-50: white on it is 6.8:1, close to the 7:1 KRDS asks of body text.
    primaryFill: COLORS.primary60,
    onPrimary: COLORS.white,
    danger: COLORS.danger60,
    success: COLORS.success60,
    focus: COLORS.primary50,
  },
  'high-dark': {
    fg: COLORS.gray5,
    fgSubtle: COLORS.gray5,
    bg: COLORS.black,
    bgSubtle: COLORS.black,
    primaryText: COLORS.primary20,
    primaryFill: COLORS.primary20,
    onPrimary: COLORS.black,
    danger: '#ffb4a3',
    success: '#a7e3b3',
    focus: '#ffd400',
  },
  'high-light': {
    fg: COLORS.black,
    fgSubtle: COLORS.black,
    bg: COLORS.white,
    bgSubtle: COLORS.white,
    primaryText: COLORS.primary70,
    primaryFill: COLORS.primary70,
    onPrimary: COLORS.white,
    danger: '#8f2109',
    success: '#1b5b2a',
    focus: COLORS.primary70,
  },
};
