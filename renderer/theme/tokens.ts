/**
 * KRDS colour tokens and the kiosk's physical sizes (reference/ui.md). Every physical size is derived from one
 * pixels-per-millimetre setting of the panel, because the law speaks in millimetres, not pixels.
 */
export const COLORS = {
  primary50: '#256ef4',
  primary60: '#0b50d0',
  primary70: '#083891',
  primary20: '#b1cefb',
  secondary70: '#063a74',
  gray90: '#1e2124',
  gray70: '#464c53',
  gray5: '#f4f5f6',
  white: '#ffffff',
  black: '#000000',
  danger50: '#de3412',
  danger60: '#bd2c0f',
  warning60: '#8a5c00',
  success60: '#267337',
  information60: '#096ab3',
} as const;

/** Hangul glyphs are 0.87 em tall, digits 0.727 em (Pretendard GOV). */
const HANGUL_EM = 0.87;

export type Sizes = {
  /** Smallest text: Hangul glyphs ≥ 12 mm tall. */
  readonly textPx: number;
  readonly headingPx: number;
  readonly amountPx: number;
  /** Touch targets ≥ 12 mm a side, gaps ≥ 2.5 mm. */
  readonly targetPx: number;
  readonly gapPx: number;
  readonly buttonHeightPx: number;
  readonly primaryButtonHeightPx: number;
  readonly bottomBarPx: number;
};

export function sizesFor(pxPerMm: number, scale = 1): Sizes {
  const mm = (value: number) => Math.round(value * pxPerMm * scale);
  const textPx = Math.ceil((12 * pxPerMm * scale) / HANGUL_EM);
  return {
    textPx,
    headingPx: Math.round(textPx * 1.3),
    amountPx: Math.round(textPx * 1.45),
    targetPx: Math.max(mm(12), 96),
    gapPx: Math.max(mm(2.5), 24),
    buttonHeightPx: Math.max(mm(26), 96),
    primaryButtonHeightPx: Math.max(mm(35), 128),
    bottomBarPx: Math.max(mm(44), 160),
  };
}
