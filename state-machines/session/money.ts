import type { Won } from '../../common/money';

/**
 * What the change screen expects to come back, split by purpose. The money service decides and pays (coins, or a
 * voucher for what the hoppers cannot pay) and its answer replaces this estimate; the split is the same one it
 * uses. `change`: what was paid beyond the fee of a payment that completed. `refund`: the fee of copies that were
 * not printed (or everything, when the payment never completed: cancel, abandonment, a fault).
 */
export function moneyBack(input: { inserted: Won; due: Won; paidInFull: boolean; feesKept: Won }): { change: Won; refund: Won } {
  const { inserted, due, paidInFull, feesKept } = input;
  if (feesKept > inserted) throw new Error(`fees kept ${feesKept} exceed money in ${inserted}`);
  if (!paidInFull) return { change: 0, refund: inserted - feesKept };
  const change = Math.max(0, inserted - due);
  return { change, refund: inserted - change - feesKept };
}
