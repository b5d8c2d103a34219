import { fromCallback, fromPromise } from 'xstate';
import type { CashMachineEvent, CollectCashInput, PaymentEvent, RefundInput, SettleInput } from '../../state-machines/payment';
import type { CashDesk, SessionMoneyOutcome } from './types';

/**
 * The payment machine's actors over the money service:
 * `paymentMachine.provide({ actors: paymentActorsFor(moneyService) })`.
 */
export function paymentActorsFor(desk: CashDesk) {
  return {
    collectCash: fromCallback<PaymentEvent, CollectCashInput>(({ sendBack, input }) => {
      let unsubscribe: (() => void) | undefined;
      let left = false;
      desk.collect(input.sessionId, input.amountDue).then(
        (collected) => {
          if (left) return;
          if (!collected.ok) {
            sendBack({ type: 'cash.unavailable', error: collected.error });
            return;
          }
          unsubscribe = collected.value.subscribe((event) => sendBack({ ...event, type: `cash.${event.type}` } as CashMachineEvent));
          const snapshot = collected.value.snapshot();
          sendBack({ type: 'cash.started', enabledNotes: snapshot.enabledNotes, received: snapshot.received });
        },
        (error: unknown) => {
          if (!left) sendBack({ type: 'cash.unavailable', error: { kind: 'acceptor-unavailable', detail: String(error) } });
        },
      );
      // Leaving `collecting` only stops listening: the refund or settle actor stops the collection itself.
      return () => {
        left = true;
        unsubscribe?.();
      };
    }),
    refund: fromPromise<SessionMoneyOutcome, RefundInput>(({ input }) => desk.cancel(input.sessionId)),
    settle: fromPromise<SessionMoneyOutcome, SettleInput>(({ input }) => desk.settle(input.sessionId, input.feeKept)),
  };
}
