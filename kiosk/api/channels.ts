/** Names shared by the shells and the renderer; kept free of imports so the renderer bundle stays small. */
/** Channel names of the Electron bridge (electron/preload.ts ⇄ electron/ipc.ts). */
export const IPC_CHANNELS = {
  command: 'kiosk:command',
  view: 'kiosk:view',
  viewPush: 'kiosk:view-push',
} as const;

/** Paths of the browser host (kiosk/host). */
export const HTTP_PATHS = {
  command: '/api/command',
  view: '/api/view',
  stream: '/api/stream',
  health: '/api/health',
} as const;
