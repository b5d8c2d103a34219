import type { Clock } from '../../common/clock';
import { err } from '../../common/result';
import type { SessionPorts } from './ports';

/**
 * Ports for a kiosk whose devices and central office are not connected (yet): everything reports itself
 * unavailable, so the session says why before any money is taken and never acts. The composition root replaces
 * them with adapters to the real services.
 */
export function unwiredPorts(clock: Clock): SessionPorts {
  return {
    clock,
    records: {
      reachable: async () => false,
      fetch: async () => err({ kind: 'unreachable' }),
      refetch: async () => err({ kind: 'unreachable' }),
    },
    identity: {
      capture: async () => err({ kind: 'reader-fault', code: 'not-connected' }),
      verify: async () => err({ kind: 'unreachable' }),
    },
    payment: {
      status: async () => ({ acceptor: 'offline', notes: [], hoppers: 'offline', coins: {} }),
      collect: (_request, onEvent) => {
        queueMicrotask(() => onEvent({ type: 'fault', code: 'not-connected' }));
        return { stack: () => undefined, returnNote: () => undefined, stop: () => queueMicrotask(() => onEvent({ type: 'closed' })) };
      },
      payout: async (amount) => ({ paid: 0, unpaid: amount, coins: {}, faultCode: 'not-connected' }),
      issueVoucher: async () => {
        throw new Error('no money service is connected: a voucher cannot be recorded');
      },
      recover: async () => ({ escrowReturned: null, note: 'unknown', payout: null }),
    },
    printing: {
      status: async () => ({ a4: { state: 'offline', sheetsLeft: null, faultCode: 'not-connected' }, receipt: { state: 'offline', faultCode: 'not-connected' } }),
      render: async () => err({ kind: 'render-failed', detail: 'no printing service is connected' }),
      printCopy: async (request) => ({ kind: 'fault', printedTo: request.fromPage - 1, code: 'not-connected' }),
      printSlip: async () => err({ code: 'not-connected' }),
      discard: () => undefined,
    },
  };
}
