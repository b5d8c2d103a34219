import type { CommandOutcome, KioskCommand } from '../../kiosk/api/contract';
import { HTTP_PATHS } from '../../kiosk/api/channels';
import type { ViewModel } from '../../state-machines/view-model';

/**
 * The renderer's side of KioskApi. Inside Electron the preload script exposes `window.kioskBridge`; in the
 * browser host the same calls go over HTTP with a server-sent-events stream. The renderer never holds state of
 * its own beyond display preferences: a reload re-reads the current view.
 */
export interface KioskClient {
  send(command: KioskCommand): Promise<CommandOutcome>;
  subscribe(listener: (view: ViewModel) => void): () => void;
}

export type KioskBridge = {
  send(command: KioskCommand): Promise<CommandOutcome>;
  subscribe(listener: (view: ViewModel) => void): () => void;
};

declare global {
  interface Window {
    kioskBridge?: KioskBridge;
  }
}

export function createHttpClient(base = ''): KioskClient {
  return {
    async send(command) {
      const response = await fetch(`${base}${HTTP_PATHS.command}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(command),
      });
      return (await response.json()) as CommandOutcome;
    },
    subscribe(listener) {
      let latest = 0;
      const deliver = (view: ViewModel) => {
        if (view.revision <= latest) return;
        latest = view.revision;
        listener(view);
      };
      const source = new EventSource(`${base}${HTTP_PATHS.stream}`);
      source.addEventListener('view', (event) => deliver(JSON.parse((event as MessageEvent<string>).data) as ViewModel));
      return () => source.close();
    },
  };
}

export function createKioskClient(): KioskClient {
  return window.kioskBridge ?? createHttpClient();
}
