import type { ViewModel } from '../state-machines/view-model';
import type { ApiHandlers } from '../kiosk/api/handlers';
import { IPC_CHANNELS } from '../kiosk/api/channels';
import { SERVICE_ENTRY_SCREENS, SERVICE_MODE_CHANNEL, type ServiceModeOpening } from './service-mode';

/**
 * The Electron shell's wiring of KioskApi: the same handlers the browser host serves over HTTP, here behind
 * `ipcMain.handle`. Written against the two small interfaces below so that it is unit-tested without Electron.
 */
export type IpcInvokeEvent = { readonly senderFrame: { readonly url: string } | null };

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface ViewSink {
  /** Sends a view to the renderer; false when the renderer is gone (it re-reads the view when it comes back). */
  push(view: ViewModel): boolean;
}

export type IpcWiring = { dispose(): void };

function fromTrustedFrame(event: IpcInvokeEvent, trustedOrigin: string): boolean {
  return event.senderFrame !== null && event.senderFrame.url.startsWith(trustedOrigin);
}

/**
 * @param trustedOrigin only frames whose URL starts with it may call the API (the kiosk's own renderer files);
 *   anything else that managed to load is refused.
 */
export function wireKioskIpc(ipc: IpcMainLike, handlers: ApiHandlers, sink: ViewSink, trustedOrigin: string): IpcWiring {
  const trusted = (event: IpcInvokeEvent) => fromTrustedFrame(event, trustedOrigin);

  ipc.handle(IPC_CHANNELS.command, async (event, command) => {
    if (!trusted(event)) return { accepted: false, reason: 'invalid-command', detail: 'untrusted sender' };
    return (await handlers.command(command)).body;
  });
  ipc.handle(IPC_CHANNELS.view, (event) => {
    if (!trusted(event)) return null;
    return handlers.view().body;
  });
  const unsubscribe = handlers.subscribe((view) => {
    sink.push(view);
  });
  return {
    dispose() {
      unsubscribe();
      ipc.removeHandler(IPC_CHANNELS.command);
      ipc.removeHandler(IPC_CHANNELS.view);
    },
  };
}

/** Opens (or brings forward) the service window; main.ts's, a fake in the tests. */
export interface ServiceModeOpener {
  open(): ServiceModeOpening | Promise<ServiceModeOpening>;
}

/**
 * The technician's entry (`openServiceMode()` in the preload): from the kiosk's own renderer only, and only while
 * the citizen screen has no session (`SERVICE_ENTRY_SCREENS`, read from the same handlers the renderer's view
 * comes from). The PIN on the service screen stays the guard; this only keeps the window off a citizen's session.
 */
export function wireServiceModeIpc(ipc: IpcMainLike, handlers: Pick<ApiHandlers, 'view'>, opener: ServiceModeOpener, trustedOrigin: string): IpcWiring {
  ipc.handle(SERVICE_MODE_CHANNEL, async (event): Promise<ServiceModeOpening> => {
    if (!fromTrustedFrame(event, trustedOrigin)) return { opened: false, reason: 'untrusted sender' };
    const screen = handlers.view().body.screen;
    if (!SERVICE_ENTRY_SCREENS.has(screen)) return { opened: false, reason: `not on the ${screen} screen` };
    try {
      return await opener.open();
    } catch (error) {
      return { opened: false, reason: (error as Error).message };
    }
  });
  return {
    dispose() {
      ipc.removeHandler(SERVICE_MODE_CHANNEL);
    },
  };
}
