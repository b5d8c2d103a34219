import { z } from 'zod';
import type { ViewModel } from '../../state-machines/view-model';

/**
 * KioskApi: the one contract between the touch UI and the kiosk service, whichever shell carries it (Electron
 * IPC through contextBridge, or HTTP + server-sent events in the browser host). Commands in, view models out.
 * Commands are validated here, at the edge; the session actor only ever sees typed events.
 */
const documentCode = z.string().min(1).max(64);
const optionValue = z.union([z.boolean(), z.string().max(120), z.number().int()]);

export const KioskCommand = z.discriminatedUnion('type', [
  // attract, language, documents
  z.object({ type: z.literal('touch') }).strict(),
  z.object({ type: z.literal('chooseLanguage'), language: z.enum(['ko', 'en']) }).strict(),
  z.object({ type: z.literal('selectDocument'), code: documentCode }).strict(),
  z.object({ type: z.literal('setOption'), key: z.string().min(1).max(64), value: optionValue }).strict(),
  z.object({ type: z.literal('confirmOptions') }).strict(),
  /** Back to the document list to put another document in the basket. */
  z.object({ type: z.literal('addAnother') }).strict(),
  z.object({ type: z.literal('removeDocument'), code: documentCode }).strict(),
  z.object({ type: z.literal('setCopies'), code: documentCode, copies: z.number().int().min(1).max(10) }).strict(),
  /** From the basket to identity (or straight to the records for public documents). */
  z.object({ type: z.literal('proceed') }).strict(),
  // resident number: one digit at a time, so the renderer never holds the number
  z.object({ type: z.literal('enterDigit'), digit: z.string().regex(/^\d$/) }).strict(),
  z.object({ type: z.literal('deleteDigit') }).strict(),
  z.object({ type: z.literal('clearDigits') }).strict(),
  z.object({ type: z.literal('confirmResidentNumber') }).strict(),
  // fingerprint, summary, payment
  z.object({ type: z.literal('retryFingerprint') }).strict(),
  z.object({ type: z.literal('pay') }).strict(),
  // everywhere
  z.object({ type: z.literal('acknowledge') }).strict(),
  z.object({ type: z.literal('extendTime') }).strict(),
  z.object({ type: z.literal('cancel') }).strict(),
  z.object({ type: z.literal('back') }).strict(),
  z.object({ type: z.literal('home') }).strict(),
  z
    .object({
      type: z.literal('setDisplay'),
      textScale: z.union([z.literal(1), z.literal(2)]).optional(),
      contrast: z.enum(['default', 'high-dark', 'high-light']).optional(),
      lowPosition: z.boolean().optional(),
      voice: z
        .object({
          enabled: z.boolean().optional(),
          volume: z.number().min(0).max(1).optional(),
          rate: z.number().min(0.5).max(2).optional(),
        })
        .strict()
        .optional(),
    })
    .strict(),
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
