import type { ViewModel } from '../../state-machines/view-model';
import type { CommandOutcome, KioskApi } from './contract';

/**
 * The request handlers both shells use: the browser host maps them to HTTP, Electron's main process to
 * `ipcMain.handle`. One implementation, so the two shells cannot drift apart.
 */
export type ApiHandlers = {
  command(body: unknown): Promise<{ status: number; body: CommandOutcome }>;
  view(): { status: number; body: ViewModel };
  subscribe(listener: (view: ViewModel) => void): () => void;
};

const STATUS_OF_REJECTION = {
  'invalid-command': 400,
  'unknown-document': 404,
  'not-now': 409,
  unavailable: 409,
} as const;

export function createApiHandlers(api: KioskApi): ApiHandlers {
  return {
    async command(body) {
      const outcome = await api.send(body);
      return { status: outcome.accepted ? 200 : STATUS_OF_REJECTION[outcome.reason], body: outcome };
    },
    view() {
      return { status: 200, body: api.view() };
    },
    subscribe(listener) {
      return api.subscribe(listener);
    },
  };
}
