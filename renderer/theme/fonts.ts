import boldUrl from 'pretendard-gov/dist/web/static/woff2-subset/PretendardGOV-Bold.subset.woff2?url';
import regularUrl from 'pretendard-gov/dist/web/static/woff2-subset/PretendardGOV-Regular.subset.woff2?url';

/** Pretendard GOV, the KRDS typeface, weights 400 and 700 (ui.md), bundled with the UI: a kiosk has no internet. */
export function loadFonts(): void {
  if (typeof FontFace === 'undefined' || typeof document === 'undefined') return;
  for (const [url, weight] of [
    [regularUrl, '400'],
    [boldUrl, '700'],
  ] as const) {
    const face = new FontFace('Pretendard GOV', `url(${url}) format('woff2')`, { weight, display: 'block' });
    document.fonts.add(face);
    void face.load().catch(() => undefined);
  }
}
