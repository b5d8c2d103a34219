import type { Won } from '../../common/money';
import type { BillAcceptorFaultCode } from '../../devices/bill-acceptor/bill-acceptor';
import type { CashAccount, RefundVoucher } from './ledger';
import type { CashFaultKind, SessionMoneyOutcome } from './types';

export function outcomeLabel(outcome: SessionMoneyOutcome): string {
  if (outcome.inDoubt > 0) return 'in-doubt';
  return outcome.voucher ? 'voucher' : 'paid';
}

export function faultKindOf(code: BillAcceptorFaultCode): CashFaultKind {
  switch (code) {
    case 'jam-in-acceptor':
    case 'jam-in-stacker':
      return 'jam';
    case 'stacker-full':
      return 'stacker-full';
    case 'stacker-open':
      return 'cash-box-open';
    case 'cheated':
      return 'cheated';
    case 'failure':
      return 'failure';
    case 'pause':
      return 'pause';
    case 'device-gone':
      return 'device-gone';
    case 'not-responding':
    case 'cannot-open':
      return 'not-responding';
  }
}

export function outcomeOf(account: CashAccount, coins: Record<string, number>, voucher: RefundVoucher | undefined, inDoubt: Won, closed: boolean): SessionMoneyOutcome {
  return {
    sessionId: account.sessionId,
    amountDue: account.amountDue,
    received: account.received,
    feeKept: account.feeKept,
    changePaid: account.changePaid,
    refundPaid: account.refundPaid,
    refundOwed: account.refundOwed,
    inDoubt,
    coins,
    voucher,
    closed,
  };
}

export function emptyOutcome(sessionId: string): SessionMoneyOutcome {
  return {
    sessionId,
    amountDue: 0,
    received: 0,
    feeKept: 0,
    changePaid: 0,
    refundPaid: 0,
    refundOwed: 0,
    inDoubt: 0,
    coins: {},
    voucher: undefined,
    closed: true,
  };
}
