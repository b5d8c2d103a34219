import { z } from 'zod';
import type { Logger } from '../../common/log';
import { SheetCounter } from '../../devices/a4-printer/paper-counter';
import type { KioskDatabase } from '../store';

/**
 * The A4 printer's sheet counter (security paper: used, and left in the tray when a technician said how many were
 * loaded) survives restarts in `kiosk_state`. Restored before the printer is created, written on every change.
 */
export const PAPER_STATE_KEY = 'a4-printer.paper';

const PaperState = z.object({ used: z.number().int().min(0), remaining: z.number().int().min(0).nullable() });

export function restoreSheetCounter(db: KioskDatabase, log: Logger): SheetCounter {
  const row = db.prepare('SELECT value FROM kiosk_state WHERE key = ?').get(PAPER_STATE_KEY) as { value: string } | undefined;
  if (!row) return new SheetCounter();
  let parsed;
  try {
    parsed = PaperState.safeParse(JSON.parse(row.value));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) {
    // A damaged value must not stop the kiosk: the count starts again and the technician sees it in the log.
    log.error({ event: 'a4-printer.paper-state-unreadable' });
    return new SheetCounter();
  }
  return new SheetCounter(parsed.data);
}

export function persistSheetCounter(db: KioskDatabase, counter: SheetCounter, now: () => number): () => void {
  const write = db.prepare(
    `INSERT INTO kiosk_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  return counter.subscribe((count) => {
    write.run(PAPER_STATE_KEY, JSON.stringify({ used: count.used, remaining: count.remaining }), now());
  });
}
