import { getSimplePaths } from '@xstate/graph';
import { assign, setup } from 'xstate';
import type { DocumentCode } from '../../catalog';
import type { SessionOutcome } from '../../state-machines/session/types';

/**
 * The test model for the model-based tests: what a citizen and the world can do at each stage of a visit, as a
 * small xstate machine whose every path from start to end is one scenario. `@xstate/graph` enumerates the paths;
 * kiosk/session/model.test.ts drives each through the real session runtime with the fake records, identity and
 * printing ports, the real money service over the simulated cash devices, and a fake clock.
 */
export type BasketKind = 'public' | 'identity' | 'mixed' | 'free';

export const BASKETS: Readonly<Record<BasketKind, { readonly documents: readonly { code: DocumentCode; options?: Record<string, string>; copies?: number }[]; readonly due: number; readonly identity: boolean }>> = {
  public: { documents: [{ code: 'building-general', options: { building: '부산광역시 금정구 부산대학로 63' } }], due: 500, identity: false },
  identity: { documents: [{ code: 'resident-copy', copies: 2 }], due: 400, identity: true },
  // 등본 200 + 토지대장 3 pages 700 + 가족관계증명서 500.
  mixed: {
    documents: [{ code: 'resident-copy' }, { code: 'land-ledger', options: { parcel: '부산광역시 금정구 장전동 123-4' } }, { code: 'family-relations' }],
    due: 1400,
    identity: true,
  },
  free: { documents: [{ code: 'military-service' }], due: 0, identity: true },
};

export type Choice =
  | 'BASKET_PUBLIC' | 'BASKET_IDENTITY' | 'BASKET_MIXED' | 'BASKET_FREE'
  | 'OFFICE_DOWN' | 'OFFICE_UP'
  | 'FINGER_OK' | 'FINGER_RETRY_OK' | 'FINGER_FAILS' | 'CANCEL_AT_FINGER'
  | 'RECORDS_OK' | 'ONE_NOT_FOUND' | 'CANCEL_AT_RECORDS'
  | 'GUARDS_OK' | 'PAPER_SHORT' | 'CASH_UNAVAILABLE' | 'ABANDON_AT_SUMMARY' | 'CANCEL_AT_SUMMARY'
  | 'PAY_ONE_NOTE' | 'PAY_TWO_NOTES' | 'NOTE_RETURNED_THEN_PAY' | 'CANCEL_MID_PAYMENT' | 'ABANDON_MID_PAYMENT' | 'ACCEPTOR_FAULT'
  | 'PRINT_OK' | 'PRINTER_RECOVERS' | 'PRINTER_GIVES_UP' | 'DOCUMENT_LOST_REFETCHED' | 'DOCUMENT_LOST_GONE'
  | 'CHANGE_OK' | 'HOPPER_SHORT';

type ModelContext = { basket: BasketKind | null; due: number; choices: Choice[] };
type ModelEvent = { type: Choice };

export const visitModel = setup({
  types: { context: {} as ModelContext, events: {} as ModelEvent },
  actions: {
    choose: assign(({ context, event }) => ({ choices: [...context.choices, event.type] })),
    pick: assign((_args, params: { basket: BasketKind }) => ({ basket: params.basket, due: BASKETS[params.basket].due })),
    notFound: assign({ due: 700 }),
  },
  guards: {
    identity: ({ context }) => context.basket !== null && BASKETS[context.basket].identity,
    severalDocuments: ({ context }) => context.basket === 'mixed',
    somethingDue: ({ context }) => context.due > 0,
    moreThanOneNote: ({ context }) => context.due > 1000,
  },
}).createMachine({
  id: 'visit',
  context: { basket: null, due: 0, choices: [] },
  initial: 'basket',
  states: {
    basket: {
      on: {
        BASKET_PUBLIC: { target: 'office', actions: [{ type: 'pick', params: { basket: 'public' } }, 'choose'] },
        BASKET_IDENTITY: { target: 'office', actions: [{ type: 'pick', params: { basket: 'identity' } }, 'choose'] },
        BASKET_MIXED: { target: 'office', actions: [{ type: 'pick', params: { basket: 'mixed' } }, 'choose'] },
        BASKET_FREE: { target: 'office', actions: [{ type: 'pick', params: { basket: 'free' } }, 'choose'] },
      },
    },
    office: {
      on: {
        OFFICE_DOWN: { target: 'done', actions: 'choose' },
        OFFICE_UP: [
          { guard: 'identity', target: 'identity', actions: 'choose' },
          { target: 'records', actions: 'choose' },
        ],
      },
    },
    identity: {
      on: {
        FINGER_OK: { target: 'records', actions: 'choose' },
        FINGER_RETRY_OK: { target: 'records', actions: 'choose' },
        FINGER_FAILS: { target: 'done', actions: 'choose' },
        CANCEL_AT_FINGER: { target: 'done', actions: 'choose' },
      },
    },
    records: {
      on: {
        RECORDS_OK: { target: 'summary', actions: 'choose' },
        // 토지대장 not found: the other two are charged (due 700).
        ONE_NOT_FOUND: { guard: 'severalDocuments', target: 'summary', actions: ['choose', 'notFound'] },
        CANCEL_AT_RECORDS: { target: 'done', actions: 'choose' },
      },
    },
    summary: {
      on: {
        GUARDS_OK: [
          { guard: 'somethingDue', target: 'payment', actions: 'choose' },
          { target: 'printing', actions: 'choose' },
        ],
        PAPER_SHORT: { target: 'done', actions: 'choose' },
        CASH_UNAVAILABLE: { guard: 'somethingDue', target: 'done', actions: 'choose' },
        ABANDON_AT_SUMMARY: { target: 'done', actions: 'choose' },
        CANCEL_AT_SUMMARY: { target: 'done', actions: 'choose' },
      },
    },
    payment: {
      on: {
        PAY_ONE_NOTE: { target: 'printing', actions: 'choose' },
        PAY_TWO_NOTES: { guard: 'moreThanOneNote', target: 'printing', actions: 'choose' },
        // The change runs short after the notes were enabled (a hopper falls silent): the money service gives the
        // note back at escrow; the hopper comes back and the citizen pays with the same note.
        NOTE_RETURNED_THEN_PAY: { target: 'printing', actions: 'choose' },
        CANCEL_MID_PAYMENT: { target: 'done', actions: 'choose' },
        ABANDON_MID_PAYMENT: { target: 'done', actions: 'choose' },
        ACCEPTOR_FAULT: { target: 'done', actions: 'choose' },
      },
    },
    printing: {
      on: {
        PRINT_OK: { target: 'change', actions: 'choose' },
        PRINTER_RECOVERS: { target: 'change', actions: 'choose' },
        PRINTER_GIVES_UP: { target: 'change', actions: 'choose' },
        DOCUMENT_LOST_REFETCHED: { target: 'change', actions: 'choose' },
        DOCUMENT_LOST_GONE: { target: 'change', actions: 'choose' },
      },
    },
    change: {
      on: {
        CHANGE_OK: { target: 'done', actions: 'choose' },
        HOPPER_SHORT: { guard: 'somethingDue', target: 'done', actions: 'choose' },
      },
    },
    done: { type: 'final' },
  },
});

const ALL_CHOICES: Choice[] = [
  'BASKET_PUBLIC', 'BASKET_IDENTITY', 'BASKET_MIXED', 'BASKET_FREE', 'OFFICE_DOWN', 'OFFICE_UP', 'FINGER_OK', 'FINGER_RETRY_OK',
  'FINGER_FAILS', 'CANCEL_AT_FINGER', 'RECORDS_OK', 'ONE_NOT_FOUND', 'CANCEL_AT_RECORDS', 'GUARDS_OK', 'PAPER_SHORT',
  'CASH_UNAVAILABLE', 'ABANDON_AT_SUMMARY', 'CANCEL_AT_SUMMARY', 'PAY_ONE_NOTE', 'PAY_TWO_NOTES', 'NOTE_RETURNED_THEN_PAY', 'CANCEL_MID_PAYMENT',
  'ABANDON_MID_PAYMENT', 'ACCEPTOR_FAULT', 'PRINT_OK', 'PRINTER_RECOVERS', 'PRINTER_GIVES_UP', 'DOCUMENT_LOST_REFETCHED',
  'DOCUMENT_LOST_GONE', 'CHANGE_OK', 'HOPPER_SHORT',
];

/** Every path of the model from the first choice to the end of the visit, as its list of choices. */
export function enumerateVisits(): { readonly basket: BasketKind; readonly choices: readonly Choice[] }[] {
  const paths = getSimplePaths(visitModel, { events: ALL_CHOICES.map((type) => ({ type })) });
  return paths
    .filter((path) => path.state.status === 'done')
    .map((path) => ({ basket: path.state.context.basket!, choices: path.state.context.choices }));
}

/** The outcomes a path may end with (the session decides between them by what printed and what was paid). */
export function expectedOutcomes(choices: readonly Choice[], basket: BasketKind): SessionOutcome[] {
  const has = (choice: Choice) => choices.includes(choice);
  const due = has('ONE_NOT_FOUND') ? 700 : BASKETS[basket].due;
  if (has('OFFICE_DOWN')) return ['failed'];
  if (has('FINGER_FAILS')) return ['identity-failed'];
  if (has('CANCEL_AT_FINGER') || has('CANCEL_AT_RECORDS') || has('CANCEL_AT_SUMMARY') || has('CANCEL_MID_PAYMENT')) return ['cancelled'];
  if (has('PAPER_SHORT') || has('CASH_UNAVAILABLE')) return ['cancelled'];
  if (has('ABANDON_AT_SUMMARY') || has('ABANDON_MID_PAYMENT')) return ['abandoned'];
  if (has('ACCEPTOR_FAULT')) return due > 1000 ? ['refunded'] : ['failed'];
  if (has('PRINTER_GIVES_UP')) return due === 0 ? ['partly-issued', 'failed'] : ['partly-issued', 'refunded'];
  if (has('DOCUMENT_LOST_GONE')) return due === 0 ? ['failed'] : ['refunded'];
  return ['issued'];
}
