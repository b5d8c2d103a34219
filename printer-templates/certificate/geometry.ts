/**
 * A4 in PDF points (1/72 in) and the fixed bands of every certificate page. The footer band is reserved on every
 * page for what makes the paper verifiable (QR, verification number, issue time, kiosk, seal), so the content
 * area ends above it and page breaks are computed against that line.
 */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN_X = 40;
export const MARGIN_TOP = 30;
export const MARGIN_BOTTOM = 28;

/** Header strip on every page: issuance number, page n / N, and on continuation pages the document name. */
export const HEADER_HEIGHT = 22;
/** Verification band on every page. */
export const FOOTER_HEIGHT = 104;
export const FOOTER_GAP = 10;

export const CONTENT_LEFT = MARGIN_X;
export const CONTENT_RIGHT = PAGE_WIDTH - MARGIN_X;
export const CONTENT_WIDTH = CONTENT_RIGHT - CONTENT_LEFT;
export const CONTENT_TOP = MARGIN_TOP + HEADER_HEIGHT + 6;
export const FOOTER_TOP = PAGE_HEIGHT - MARGIN_BOTTOM - FOOTER_HEIGHT;
export const CONTENT_BOTTOM = FOOTER_TOP - FOOTER_GAP;

export const INK = '#111111';
export const RULE = '#333333';
export const LABEL_FILL = '#ECEFF3';
export const HEADING_FILL = '#DDE3EA';
/** Vermilion of official seals (인주). */
export const SEAL_RED = '#C8231E';

export const FONT_SIZE = {
  title: 19,
  subtitle: 9,
  heading: 10,
  body: 8.6,
  small: 7.4,
  footer: 7.6,
} as const;

/** Inner padding of table and field cells. */
export const CELL_PAD_X = 4;
export const CELL_PAD_Y = 3.2;
