import type { Won } from '../../common/money';

/**
 * The arithmetic of cash, pure and exhaustively testable: which coins make an amount, whether a note can be kept,
 * which notes are worth enabling.
 */
export type CoinStock = { readonly coinValue: Won; readonly coins: number };

export type PayoutPlan = {
  /** Coins per coin value, largest first; values with 0 coins are left out. */
  readonly coins: readonly { readonly coinValue: Won; readonly count: number }[];
  /** Won that the stock cannot make (0 when exact). */
  readonly remainder: Won;
};

/**
 * Coins for an amount, largest coin first. Greedy is exact for the won's coins (10, 50, 100, 500): each coin is a
 * multiple of every smaller one, so if any combination within the stock makes the amount, the greedy one does.
 */
export function planPayout(amount: Won, stock: readonly CoinStock[]): PayoutPlan {
  let remainder = amount;
  const coins: { coinValue: Won; count: number }[] = [];
  for (const { coinValue, coins: available } of [...stock].sort((a, b) => b.coinValue - a.coinValue)) {
    if (coinValue <= 0 || available <= 0) continue;
    const count = Math.min(available, Math.floor(remainder / coinValue));
    if (count > 0) {
      coins.push({ coinValue, count });
      remainder -= count * coinValue;
    }
  }
  return { coins, remainder };
}

export function canPayExactly(amount: Won, stock: readonly CoinStock[]): boolean {
  return planPayout(amount, stock).remainder === 0;
}

export type EscrowDecision =
  | { readonly action: 'stack' }
  | {
      readonly action: 'return';
      /**
       * `already-paid`: the amount is covered (a note inserted at the last moment);
       * `change-unavailable`: keeping it would overpay by more than the hoppers can give back.
       */
      readonly reason: 'already-paid' | 'change-unavailable';
    };

/** Keep a note only when the overpayment it causes can be given back in coins, to the won. */
export function decideEscrow(input: { amountDue: Won; received: Won; note: Won; stock: readonly CoinStock[] }): EscrowDecision {
  const { amountDue, received, note, stock } = input;
  if (received >= amountDue) return { action: 'return', reason: 'already-paid' };
  const overpayment = received + note - amountDue;
  if (overpayment <= 0 || canPayExactly(overpayment, stock)) return { action: 'stack' };
  return { action: 'return', reason: 'change-unavailable' };
}

/** The note values worth enabling now: those that would be kept if inserted. */
export function acceptableNotes(input: { amountDue: Won; received: Won; denominations: readonly Won[]; stock: readonly CoinStock[] }): Won[] {
  return input.denominations
    .filter((note) => decideEscrow({ amountDue: input.amountDue, received: input.received, note, stock: input.stock }).action === 'stack')
    .sort((a, b) => a - b);
}
