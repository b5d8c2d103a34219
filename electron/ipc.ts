import type { ViewModel } from '../state-machines/view-model';
import type { ApiHandlers } from '../kiosk/api/handlers';
import { IPC_CHANNELS } from '../kiosk/api/channels';

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

/**
 * @param trustedOrigin only frames whose URL starts with it may call the API (the kiosk's own renderer files);
 *   anything else that managed to load is refused.
 */
export function wireKioskIpc(ipc: IpcMainLike, handlers: ApiHandlers, sink: ViewSink, trustedOrigin: string): IpcWiring {
  const trusted = (event: IpcInvokeEvent) => event.senderFrame !== null && event.senderFrame.url.startsWith(trustedOrigin);

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
