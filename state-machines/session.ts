import { assign, setup } from 'xstate';
import type { DocumentCode } from '../catalog';

/**
 * The citizen's session: the single source of truth for what the kiosk is doing (ARCHITECTURE.md). Pure logic,
 * no I/O: devices and services come in as injected actors and guards (`machine.provide`).
 *
 * This is the walking skeleton of the flow — attract → language → choose a document → its options — that the
 * session issue grows into the whole issuance (identity, payment, printing, change, receipt, recovery).
 */
export type Language = 'ko' | 'en';

export type SessionContext = {
  readonly language: Language;
  readonly selected: DocumentCode | null;
};

export type SessionEvent =
  | { readonly type: 'TOUCH' }
  | { readonly type: 'CHOOSE_LANGUAGE'; readonly language: Language }
  | { readonly type: 'SELECT_DOCUMENT'; readonly code: DocumentCode }
  | { readonly type: 'BACK' }
  | { readonly type: 'HOME' };

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
  },
  guards: {
    /** Provided by the kiosk service: catalogue availability now (hours, site, disabled documents). */
    documentSelectable: (_args, _params: { code: DocumentCode }) => true,
  },
  actions: {
    resetSession: assign({ language: 'ko' as Language, selected: null }),
  },
}).createMachine({
  id: 'session',
  initial: 'attract',
  context: { language: 'ko', selected: null },
  on: {
    HOME: { target: '.attract', actions: 'resetSession' },
  },
  states: {
    attract: {
      entry: 'resetSession',
      on: {
        TOUCH: 'language',
        CHOOSE_LANGUAGE: { target: 'chooseDocument', actions: assign({ language: ({ event }) => event.language }) },
      },
    },
    language: {
      on: {
        CHOOSE_LANGUAGE: { target: 'chooseDocument', actions: assign({ language: ({ event }) => event.language }) },
        BACK: 'attract',
      },
    },
    chooseDocument: {
      on: {
        SELECT_DOCUMENT: {
          guard: { type: 'documentSelectable', params: ({ event }) => ({ code: event.code }) },
          target: 'documentOptions',
          actions: assign({ selected: ({ event }) => event.code }),
        },
        CHOOSE_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
        BACK: 'language',
      },
    },
    documentOptions: {
      on: {
        BACK: { target: 'chooseDocument', actions: assign({ selected: null }) },
        CHOOSE_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
      },
    },
  },
});

export type SessionMachine = typeof sessionMachine;
export type SessionStateValue = 'attract' | 'language' | 'chooseDocument' | 'documentOptions';
