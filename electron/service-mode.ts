/**
 * Service mode in the Electron shell. The kiosk window shows the citizen UI from the renderer's files and speaks
 * KioskApi over IPC; the service screen is served, like in the browser host, by the shell's own loopback host
 * (`/service.html` and `/service/api`, the routes `kiosk diag` and `kiosk close-day` use too), and shown in a second
 * window that may go nowhere but that screen. Kept free of Electron imports so that it is unit-tested, and of
 * anything but types so that the sandboxed preload can import the channel name.
 */

import type { Screen } from '../state-machines/view-model';

/** The preload's one extra call: the sandboxed renderer cannot open a window, it asks the main process. */
export const SERVICE_MODE_CHANNEL = 'kiosk:open-service-mode';

/** What `openServiceMode()` answers the renderer (renderer/components/technician-entry.ts has the same shape). */
export type ServiceModeOpening = { readonly opened: true } | { readonly opened: false; readonly reason: string };

/**
 * The citizen screens that carry the technician's entry (renderer/screens/EntryScreens.tsx): no citizen session on
 * any of them. On any other screen the service window would cover a citizen's documents or money, so the shell
 * refuses to open it whatever the renderer asks.
 */
export const SERVICE_ENTRY_SCREENS: ReadonlySet<Screen> = new Set<Screen>(['attract', 'closed', 'out-of-service']);

/**
 * The service screen as the technician's entry opens it (renderer/components/technician-entry.ts
 * SERVICE_SCREEN_FROM_CITIZEN): `from=citizen` makes its exit go to the citizen screen, which the service window
 * turns into closing itself.
 */
export const SERVICE_SCREEN_PATH = '/service.html';
const SERVICE_SCREEN_QUERY = '?from=citizen';
/** `/service` redirects to `/service.html`; both are the service screen. */
const SERVICE_SCREEN_PATHS: ReadonlySet<string> = new Set(['/service', SERVICE_SCREEN_PATH]);
/** The citizen screen on the loopback host: where the service screen's exit goes. */
const CITIZEN_SCREEN_PATHS: ReadonlySet<string> = new Set(['/', '/index.html']);

const WILDCARD_HOSTS: ReadonlySet<string> = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * The origin the shell's own windows use to reach its host: loopback when the host listens on every address, the
 * configured address otherwise; the port the host really listens on (the configuration may say 0).
 */
export function loopbackOrigin(configuredHost: string, port: number): string {
  const host = WILDCARD_HOSTS.has(configuredHost) ? '127.0.0.1' : configuredHost;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  // Through URL, so that the origin is written exactly as Chromium will report it (lower case, default port).
  return new URL(`http://${bracketed}:${port}`).origin;
}

export function serviceScreenUrl(origin: string): string {
  return `${origin}${SERVICE_SCREEN_PATH}${SERVICE_SCREEN_QUERY}`;
}

/**
 * `allow`: stay; `return`: the service screen's exit to the citizen screen — close the service window, the kiosk
 * window beneath is the citizen screen; `deny`: anything else, refused and logged.
 */
export type NavigationDecision = 'allow' | 'return' | 'deny';

/** The service window: the service screen of exactly this origin, or the exit; nothing else. */
export function serviceWindowNavigation(url: string, origin: string): NavigationDecision {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'deny';
  }
  if (target.origin !== origin || target.username !== '' || target.password !== '') return 'deny';
  if (SERVICE_SCREEN_PATHS.has(target.pathname)) return 'allow';
  if (CITIZEN_SCREEN_PATHS.has(target.pathname)) return 'return';
  return 'deny';
}

/** The kiosk window (and any other contents): the renderer's own files only, as before service mode existed. */
export function kioskWindowNavigation(url: string, trustedOrigin: string): NavigationDecision {
  return url.startsWith(trustedOrigin) ? 'allow' : 'deny';
}
