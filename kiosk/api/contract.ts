import { z } from 'zod';
import type { ViewModel } from '../../state-machines/view-model';

/**
 * KioskApi: the one contract between the touch UI and the kiosk service, whichever shell carries it (Electron
 * IPC through contextBridge, or HTTP + server-sent events in the browser host). Commands in, view models out.
 * Commands are validated here, at the edge; the session actor only ever sees typed events.
 */
export const KioskCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('touch') }).strict(),
  z.object({ type: z.literal('chooseLanguage'), language: z.enum(['ko', 'en']) }).strict(),
  z.object({ type: z.literal('selectDocument'), code: z.string().min(1).max(64) }).strict(),
  z.object({ type: z.literal('back') }).strict(),
  z.object({ type: z.literal('home') }).strict(),
]);
export type KioskCommand = z.infer<typeof KioskCommand>;

export type CommandRejection = 'invalid-command' | 'not-now' | 'unknown-document' | 'unavailable';

export type CommandOutcome =
  | { readonly accepted: true; readonly revision: number }
  | { readonly accepted: false; readonly reason: CommandRejection; readonly detail: string };

export interface KioskApi {
  /** Validates and applies a command; the new view arrives through `subscribe`. */
  send(command: unknown): Promise<CommandOutcome>;
  /** The current view model. */
  view(): ViewModel;
  /** Called with the current view at once and then with every new one; returns the unsubscribe function. */
  subscribe(listener: (view: ViewModel) => void): () => void;
}

export { IPC_CHANNELS, HTTP_PATHS } from './channels';
