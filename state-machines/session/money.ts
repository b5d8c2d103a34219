import type { Won } from '../../common/money';

/**
 * The session's arithmetic of money: which notes make sense for what is still due, whether the coins on hand can
 * give the change, and how what comes back is split between change and refund. All in whole won.
 */

/** Coins in the hoppers by coin value in won (`{ "100": 412, "500": 80 }`). */
export type CoinStock = Readonly<Record<string, number>>;

/**
 * Whether `amount` can be paid exactly from `coins`. Won coins (10, 50, 100, 500) each divide the next, for which
 * greedy would do; the bounded search stays right for any coin values a configuration brings, and amounts are
 * small with a handful of coin values, so it is cheap.
 */
export function canMakeChange(amount: Won, coins: CoinStock): boolean {
  if (amount === 0) return true;
  const stock = Object.entries(coins)
    .map(([value, count]) => ({ value: Number(value), count }))
    .filter((coin) => coin.value > 0 && coin.count > 0)
    .sort((a, b) => b.value - a.value);
  const seen = new Set<string>();
  const search = (rest: Won, index: number): boolean => {
    if (rest === 0) return true;
    if (index >= stock.length) return false;
    const key = `${rest}:${index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const coin = stock[index]!;
    for (let take = Math.min(coin.count, Math.floor(rest / coin.value)); take >= 0; take--) {
      if (search(rest - take * coin.value, index + 1)) return true;
    }
    return false;
  };
  return search(amount, 0);
}

/**
 * The notes the acceptor should take now: those that do not overshoot what is due, and those that do but whose
 * change the hoppers can pay. A note that would leave the kiosk owing change it cannot give is refused before the
 * citizen inserts it (ui.md: only the notes that make sense for the amount and the change on hand).
 */
export function acceptableNotes(remaining: Won, notes: readonly Won[], coins: CoinStock): Won[] {
  if (remaining <= 0) return [];
  return [...notes].sort((a, b) => a - b).filter((note) => note <= remaining || canMakeChange(note - remaining, coins));
}

/**
 * What goes back to the citizen at the end, split by purpose. `change`: what was paid beyond the fee of a payment
 * that completed. `refund`: the fee of copies that were not printed (or everything, when the payment never
 * completed: cancel, abandonment, a fault).
 */
export function moneyBack(input: { inserted: Won; due: Won; paidInFull: boolean; feesKept: Won }): { change: Won; refund: Won } {
  const { inserted, due, paidInFull, feesKept } = input;
  if (feesKept > inserted) throw new Error(`fees kept ${feesKept} exceed money in ${inserted}`);
  if (!paidInFull) return { change: 0, refund: inserted - feesKept };
  const change = Math.max(0, inserted - due);
  return { change, refund: inserted - change - feesKept };
}
