/**
 * Simple line icons drawn inline (the kiosk has no internet, and Pretendard GOV has no ▶ ◀ glyphs). Always next to
 * a text label, never alone: an icon is never the only cue.
 */
export type IconName = 'next' | 'previous' | 'home' | 'back' | 'help' | 'display' | 'check' | 'minus' | 'plus' | 'delete' | 'clear' | 'voice';

const PATHS: Record<IconName, string> = {
  next: 'M8 4l10 8-10 8z',
  previous: 'M16 4L6 12l10 8z',
  home: 'M3 11l9-8 9 8M5 10v10h5v-6h4v6h5V10',
  back: 'M10 5l-7 7 7 7M3 12h18',
  help: 'M12 22a10 10 0 110-20 10 10 0 010 20zM9 9a3 3 0 116 0c0 2-3 2-3 4M12 17v.5',
  display: 'M3 4h18v12H3zM8 20h8M12 16v4',
  check: 'M4 12l5 5L20 6',
  minus: 'M5 12h14',
  plus: 'M12 5v14M5 12h14',
  delete: 'M21 5H8l-6 7 6 7h13zM11 9l6 6M17 9l-6 6',
  clear: 'M6 6l12 12M18 6L6 18',
  voice: 'M4 9v6h4l5 4V5L8 9zM16 8a5 5 0 010 8M18.5 5.5a9 9 0 010 13',
};

const FILLED: ReadonlySet<IconName> = new Set(['next', 'previous']);

export function Icon({ name }: { readonly name: IconName }) {
  const filled = FILLED.has(name);
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth={2.4}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
