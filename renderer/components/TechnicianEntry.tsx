import { useCallback, useEffect, useRef, type CSSProperties, type PointerEvent } from 'react';
import { openServiceMode, SERVICE_ENTRY_HOLD_MS } from './technician-entry';

/** The zone: the top right corner of the panel, over the title band (display-only, so it covers no control). */
export const ENTRY_ZONE_MM = 20;
/** A finger resting still wobbles a little; one that slides further is not holding. */
const HOLD_SLOP_MM = 8;

type Hold = { readonly pointerId: number; readonly x: number; readonly y: number; readonly timer: ReturnType<typeof setTimeout> };

/**
 * The technician's way into service mode from a citizen screen without a session (attract, closed, out of
 * service): one finger held still for 5 s on the top right corner. Nothing shows there and nothing answers a short
 * touch, so a citizen does not find it by accident; it needs no hover, so it works on a touch panel.
 *
 * For everyone else it does not exist: `aria-hidden`, no role, not focusable (the keypad's focus order and voice
 * guidance skip it), no text. It only opens the service screen's PIN pad; the PIN is the guard.
 */
export function TechnicianEntry({ pxPerMm, open = openServiceMode }: { readonly pxPerMm: number; readonly open?: () => unknown }) {
  const hold = useRef<Hold | null>(null);
  const cancel = useCallback(() => {
    if (!hold.current) return;
    clearTimeout(hold.current.timer);
    hold.current = null;
  }, []);
  // The screen changing (a citizen touched start, a fault) ends the hold with the zone.
  useEffect(() => cancel, [cancel]);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    // A second finger (a palm, a hand leaning on the panel) is not a deliberate hold.
    if (hold.current) return cancel();
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const timer = setTimeout(() => {
      hold.current = null;
      void open();
    }, SERVICE_ENTRY_HOLD_MS);
    hold.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, timer };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = hold.current;
    if (!current || event.pointerId !== current.pointerId) return;
    if (Math.hypot(event.clientX - current.x, event.clientY - current.y) > HOLD_SLOP_MM * pxPerMm) cancel();
  };

  const side = `${Math.round(ENTRY_ZONE_MM * pxPerMm)}px`;
  const style: CSSProperties = {
    // Fixed to the panel's corner, whatever the screen's own layout (low position, 200 % text) does below it.
    position: 'fixed',
    top: 0,
    right: 0,
    width: side,
    height: side,
    // No panning or zooming gesture may take the pointer away (a pointercancel would end the hold).
    touchAction: 'none',
  };
  return (
    <div
      className="technician-entry"
      aria-hidden="true"
      style={style}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={cancel}
      onPointerCancel={cancel}
      onPointerLeave={cancel}
      // Chromium answers a long touch with a context menu; the hold must not show one.
      onContextMenu={(event) => event.preventDefault()}
    />
  );
}
