import type { KioskBridge } from '../api/client';

/**
 * How the technician gets from the citizen screen to service mode, in either shell. The citizen UI only opens the
 * service screen's PIN pad: the PIN, checked by the kiosk, remains the guard.
 */

/** A deliberate hold: far longer than any citizen's touch, short enough for a technician who knows. */
export const SERVICE_ENTRY_HOLD_MS = 5_000;

/**
 * The service screen opened from the citizen screen. `/service.html` itself, not `/service` (whose redirect would
 * drop the query); `from=citizen` tells the service screen that its exit goes back to the citizen screen.
 */
export const SERVICE_SCREEN_FROM_CITIZEN = '/service.html?from=citizen';
export const FROM_CITIZEN_PARAM = 'from';
export const FROM_CITIZEN_VALUE = 'citizen';

/** The citizen screen on the browser host (in Electron the shell turns this navigation into closing the window). */
export const CITIZEN_SCREEN = '/';

/** What the Electron shell answers (electron/service-mode.ts `ServiceModeOpening`). */
export type ServiceModeOpening = { readonly opened: true } | { readonly opened: false; readonly reason: string };

/** The Electron preload's addition to the bridge: the sandboxed renderer cannot open a window by itself. */
export type ServiceModeBridge = { openServiceMode(): Promise<ServiceModeOpening> };

/** The part of `window` this needs, so that a test can hand in its own. */
export type EntryTarget = {
  readonly kioskBridge?: KioskBridge | undefined;
  readonly location: { assign(url: string): void };
};

/**
 * Electron: ask the shell (it opens the service window on its loopback host). Browser host: go to the service
 * screen on the same origin. An Electron bridge without `openServiceMode` (an older preload) is left alone rather
 * than navigated: the shell would deny the navigation anyway.
 */
export async function openServiceMode(target: EntryTarget = window): Promise<void> {
  const bridge = target.kioskBridge as (KioskBridge & Partial<ServiceModeBridge>) | undefined;
  if (!bridge) {
    target.location.assign(SERVICE_SCREEN_FROM_CITIZEN);
    return;
  }
  if (!bridge.openServiceMode) {
    console.warn('renderer: this shell cannot open service mode');
    return;
  }
  try {
    const answer = await bridge.openServiceMode();
    if (!answer.opened) console.warn(`renderer: service mode not opened (${answer.reason})`);
  } catch (error) {
    console.warn(`renderer: service mode not opened (${(error as Error).message})`);
  }
}
