import type { Clock } from '../../common/clock';
import { err } from '../../common/result';
import { emptyOutcome } from '../cash/outcomes';
import type { CashDesk } from '../cash/types';
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
    printing: {
      status: async () => ({ a4: { state: 'offline', sheetsLeft: null, faultCode: 'not-connected' }, receipt: { state: 'offline', faultCode: 'not-connected' } }),
      render: async () => err({ kind: 'render-failed', detail: 'no printing service is connected' }),
      printCopy: async (request) => ({ kind: 'fault', printedTo: request.fromPage - 1, code: 'not-connected' }),
      printSlip: async () => err({ code: 'not-connected' }),
      discard: () => undefined,
    },
  };
}

/**
 * A kiosk without a money service: no note can be taken (the guards before payment say so), nothing is ever held,
 * so there is nothing to settle. Not a second ledger: it records nothing because nothing can happen.
 */
export const unwiredMoney: CashDesk = {
  readiness: () => ({ acceptor: 'offline', hoppers: 'offline', notes: [] }),
  collect: async () => err({ kind: 'acceptor-unavailable', detail: 'no money service is connected' }),
  cancel: async (sessionId) => emptyOutcome(sessionId),
  settle: async (sessionId) => emptyOutcome(sessionId),
  account: () => undefined,
  vouchersToPrint: () => [],
  markVoucherPrinted: () => undefined,
};
