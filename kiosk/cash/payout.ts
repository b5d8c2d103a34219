import type { Logger } from '../../common/log';
import type { Won } from '../../common/money';
import type { CoinHoppers } from '../../devices/coin-hopper/coin-hoppers';
import type { CashLedger, DispensePurpose } from './ledger';
import type { JournalHookEvent } from './money-service';
import { planPayout, type CoinStock } from './policy';

/** Coins per dispense command (ccTalk allows 255; smaller chunks keep a fault's blast radius small). */
export const MAX_COINS_PER_DISPENSE = 100;

export type Payer = {
  readonly ledger: CashLedger;
  readonly hoppers: CoinHoppers;
  readonly log: Logger;
  readonly onJournal: ((event: JournalHookEvent) => void | Promise<void>) | undefined;
  /** Coins the ledger counts in the hoppers that can pay now, less those left out. */
  readonly stock: (excluded: ReadonlySet<Won>) => CoinStock[];
};

/** A `confirmed` hook runs synchronously: if it throws (a simulated crash), the caller stops right there. */
export function confirmedHook(payer: Pick<Payer, 'onJournal' | 'log'>, event: JournalHookEvent): void {
  const pending = payer.onJournal?.(event);
  if (pending instanceof Promise) pending.catch((error: unknown) => payer.log.error({ event: 'cash.journal-hook-failed', error }));
}

/** Pay an amount in coins, largest first; a hopper that comes up short is left out and the rest re-planned. */
export async function payOut(
payer: Payer,
sessionId: string,
  amount: Won,
  purpose: DispensePurpose,
  coins: Record<string, number>,
): Promise<{ paid: Won; unpaid: Won; inDoubt: Won }> {
  let remaining = amount;
  let inDoubt = 0;
  const excluded = new Set<Won>();
  for (let round = 0; round <= payer.hoppers.coinValues().length && remaining > 0; round++) {
    const plan = planPayout(remaining, payer.stock(excluded));
    if (plan.coins.length === 0) break;
    for (const { coinValue, count } of plan.coins) {
      let left = count;
      while (left > 0 && !excluded.has(coinValue)) {
        const chunk = Math.min(left, MAX_COINS_PER_DISPENSE);
        let journalId: number | undefined;
        const result = await payer.hoppers.dispense(coinValue, chunk, async (baseline) => {
          journalId = payer.ledger.beginDispense(sessionId, { ...baseline, purpose });
          await payer.onJournal?.({ step: 'cash.dispense', phase: 'begun', journalId, sessionId });
        });
        if (result.ok) {
          if (journalId !== undefined) {
            payer.ledger.finishDispense(journalId, result.value);
            confirmedHook(payer, { step: 'cash.dispense', phase: 'confirmed', journalId, sessionId });
          }
          const { paid, unpaid, stoppedBy } = result.value;
          coins[String(coinValue)] = (coins[String(coinValue)] ?? 0) + paid;
          remaining -= paid * coinValue;
          left -= paid;
          if (unpaid > 0) {
            payer.log.warn({ event: 'cash.payout-short', sessionId, coinValue, paid, unpaid, stoppedBy });
            excluded.add(coinValue);
          }
          continue;
        }
        if (result.error.kind === 'outcome-unknown') {
          // Journal stays pending; the hopper's counters settle it when it answers. Nothing is paid twice.
          inDoubt += chunk * coinValue;
          remaining -= chunk * coinValue;
          payer.log.error({ event: 'cash.payout-in-doubt', sessionId, coinValue, coins: chunk, detail: result.error.detail });
        } else {
          if (journalId !== undefined) payer.ledger.finishDispense(journalId, { paid: 0, unpaid: chunk, stoppedBy: result.error.kind });
          payer.log.warn({ event: 'cash.payout-refused', sessionId, coinValue, kind: result.error.kind, detail: result.error.detail });
        }
        excluded.add(coinValue);
      }
    }
  }
  return { paid: amount - remaining - inDoubt, unpaid: remaining, inDoubt };
}
