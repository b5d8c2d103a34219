/**
 * The picture of where to put the thumb: a thumb moving slowly down onto the reader (one movement every 3 s — far
 * below the 3 flashes a second that the rules forbid; still under `prefers-reduced-motion`). Decorative: the same
 * guidance is in the text beside it and in the voice.
 */
export function FingerprintGuide({ phase }: { readonly phase: 'place-finger' | 'reading' | 'verifying' | 'lift-finger' | 'retry' }) {
  return (
    <svg className={`fingerprint-guide phase-${phase}`} viewBox="0 0 240 200" aria-hidden="true" focusable="false">
      <rect className="reader" x="60" y="150" width="120" height="36" rx="10" />
      <rect className="reader-glass" x="84" y="146" width="72" height="10" rx="4" />
      <g className="thumb">
        <path className="thumb-shape" d="M92 140 C88 90 96 40 120 40 C144 40 152 90 148 140 Z" />
        <path className="ridges" d="M106 120 C104 90 110 66 120 66 C130 66 136 90 134 120 M113 122 C112 96 115 80 120 80 C125 80 128 96 127 122 M120 94 L120 124" />
      </g>
      <path className="arrow" d="M200 60 L200 130 M190 118 L200 132 L210 118" />
    </svg>
  );
}
