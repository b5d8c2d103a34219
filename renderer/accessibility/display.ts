import { useCallback, useRef, useState } from 'react';
import type { CommandOutcome, KioskCommand } from '../../kiosk/api/contract';
import type { DisplayPreferences, Screen } from '../../state-machines/view-model';

export type DisplayChange = Omit<Extract<KioskCommand, { type: 'setDisplay' }>, 'type'>;

export const VOLUME_STEP = 0.1;
export const RATE_STEP = 0.1;
const clamp = (value: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, value)) * 100) / 100;

export function applyDisplayChange(display: DisplayPreferences, change: DisplayChange): DisplayPreferences {
  return {
    textScale: change.textScale ?? display.textScale,
    contrast: change.contrast ?? display.contrast,
    lowPosition: change.lowPosition ?? display.lowPosition,
    voice: {
      enabled: change.voice?.enabled ?? display.voice.enabled,
      volume: clamp(change.voice?.volume ?? display.voice.volume, 0, 1),
      rate: clamp(change.voice?.rate ?? display.voice.rate, 0.5, 2),
    },
  };
}

/** Screens on which no citizen is in a session: the display settings of the last one are gone. */
const OUTSIDE_A_SESSION: readonly Screen[] = ['attract', 'closed', 'out-of-service'];

/**
 * The display preferences in force. They live in the session (`setDisplay`), so they survive a renderer reload and
 * reset when the session ends. A session that refuses `setDisplay` (an older kiosk service) must not leave a
 * citizen without large text or voice: the renderer then keeps the choice itself until the session ends.
 */
export function useDisplayPreferences(
  fromSession: DisplayPreferences,
  screen: Screen,
  send: (command: KioskCommand) => Promise<CommandOutcome>,
): { readonly display: DisplayPreferences; change(change: DisplayChange): void } {
  const [kept, setKept] = useState<DisplayPreferences | null>(null);
  const [lastScreen, setLastScreen] = useState(screen);
  let current = kept;
  if (screen !== lastScreen) {
    setLastScreen(screen);
    if (OUTSIDE_A_SESSION.includes(screen) && !OUTSIDE_A_SESSION.includes(lastScreen)) {
      setKept(null);
      current = null;
    }
  }
  const display = current ?? fromSession;
  const latest = useRef(display);
  latest.current = display;
  const change = useCallback(
    (next: DisplayChange) => {
      const wanted = applyDisplayChange(latest.current, next);
      latest.current = wanted;
      void send({ type: 'setDisplay', ...next }).then(
        (outcome) => {
          setKept(outcome.accepted ? null : wanted);
        },
        () => setKept(wanted),
      );
    },
    [send],
  );
  return { display, change };
}
