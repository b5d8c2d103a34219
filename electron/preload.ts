import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from '../kiosk/api/channels';
import type { CommandOutcome, KioskCommand } from '../kiosk/api/contract';
import type { ViewModel } from '../state-machines/view-model';
import { SERVICE_MODE_CHANNEL, type ServiceModeOpening } from './service-mode';

/**
 * The only door between the sandboxed renderer and the kiosk service: KioskApi's two calls and the technician's
 * entry to service mode (`openServiceMode`: the main process opens the service window, if the citizen screen has
 * no session), nothing else (no Node, no ipcRenderer, no channel of the renderer's choosing). Bundled to CommonJS
 * because sandboxed preloads cannot be ES modules.
 */
contextBridge.exposeInMainWorld('kioskBridge', {
  send: (command: KioskCommand): Promise<CommandOutcome> => ipcRenderer.invoke(IPC_CHANNELS.command, command),
  subscribe(listener: (view: ViewModel) => void): () => void {
    let latest = 0;
    const deliver = (view: ViewModel | null) => {
      if (!view || view.revision <= latest) return;
      latest = view.revision;
      listener(view);
    };
    const onPush = (_event: IpcRendererEvent, view: ViewModel) => deliver(view);
    ipcRenderer.on(IPC_CHANNELS.viewPush, onPush);
    void ipcRenderer.invoke(IPC_CHANNELS.view).then(deliver);
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.viewPush, onPush);
    };
  },
  openServiceMode: (): Promise<ServiceModeOpening> => ipcRenderer.invoke(SERVICE_MODE_CHANNEL),
});
