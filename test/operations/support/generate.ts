import { DOCUMENTS } from '../../../catalog';
import { epochOfLocal } from '../../../catalog/opening';
import { addDays } from '../../../central-office/contract/operations-report';
import type { KioskDatabase } from '../../../kiosk/store/database';
import { Outbox } from '../../../kiosk/store/outbox';

/**
 * A generated stretch of a kiosk's life written to its outbox exactly as the kiosk writes it: documents issued
 * (with fees, copies, pages), cash events, failed prints, paper refills and device faults, at random local times
 * inside opening hours — some right before and after midnight, to catch day boundaries. Deterministic per seed.
 */
export type GeneratedDay = { readonly date: string; readonly issuances: number };

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

export function generateDays(
  db: KioskDatabase,
  options: { readonly kioskId: string; readonly from: string; readonly days: number; readonly seed: number; readonly perDay?: [number, number] },
): GeneratedDay[] {
  const random = seededRandom(options.seed);
  let now = 0;
  const outbox = new Outbox(db, options.kioskId, () => now);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const [low, high] = options.perDay ?? [5, 40];
  const days: GeneratedDay[] = [];
  let serial = 0;
  for (let i = 0; i < options.days; i++) {
    const date = addDays(options.from, i);
    const count = low + Math.floor(random() * (high - low + 1));
    // Opening hours 08:30–24:00; the last minute of the day and 00:00 of the next are deliberately used.
    const times = Array.from({ length: count }, () => 8 * 60 + 30 + Math.floor(random() * (15.5 * 60))).sort((a, b) => a - b);
    if (count > 0) times[times.length - 1] = 24 * 60 - 1;
    db.transaction(() => {
      for (const minute of times) {
        now = epochOfLocal('Asia/Seoul', date, minute) + Math.floor(random() * 59_000);
        const document = pick(DOCUMENTS);
        const copies = 1 + Math.floor(random() * 3);
        const pages = copies * (1 + Math.floor(random() * 2));
        const fee = document.fee.perCopy * copies;
        const session = `s-${++serial}`;
        if (fee > 0) {
          const note = fee <= 1000 ? 1000 : 5000;
          outbox.append('cash.note-stacked', { value: note }, session);
          outbox.append('cash.fee-kept', { amount: fee }, session);
          if (note > fee) outbox.append('cash.change-paid', { amount: note - fee, coins: { '100': (note - fee) / 100 } }, session);
        }
        outbox.append(
          'document.issued',
          { documentCode: document.code, issuanceNumber: `N-${serial}`, verificationNumber: '1111-2222-3333-4444', copies, pages, fee, waivedBy: null },
          session,
        );
        if (random() < 0.03) {
          outbox.append('document.failed', { documentCode: document.code, issuanceNumber: `F-${serial}`, reason: 'media-jam', pagesPrinted: 1, pagesExpected: 2 }, session);
          outbox.append('cash.refund-owed', { amount: 300, voucherCode: `RV-${serial}`, reason: 'refund-short' }, session);
        }
      }
      // A paper refill in the morning and, some days, a bill acceptor fault of a few minutes.
      now = epochOfLocal('Asia/Seoul', date, 8 * 60);
      outbox.append('paper.refilled', { printer: 'a4', sheets: 500 });
      if (random() < 0.3) {
        now = epochOfLocal('Asia/Seoul', date, 12 * 60);
        outbox.append('device.fault', { device: 'bill-acceptor', code: 'jam-in-acceptor', detail: 'a note is stuck' });
        now += 7 * 60_000;
        outbox.append('device.recovered', { device: 'bill-acceptor' });
      }
    })();
    days.push({ date, issuances: count });
  }
  return days;
}
