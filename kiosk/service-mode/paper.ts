import type { SheetCounter } from '../../devices/a4-printer/paper-counter';
import type { KioskDatabase } from '../store/database';

/**
 * The A4 sheet counter survives restarts: it is kept in `kiosk_state` (key `paper.a4`) on every change and restored
 * when the kiosk starts. The counter itself belongs to the A4 printer driver (devices/a4-printer/paper-counter.ts).
 */
const KEY = 'paper.a4';

export function persistSheetCounter(db: KioskDatabase, counter: SheetCounter, now: () => number): () => void {
  const row = db.prepare('SELECT value FROM kiosk_state WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (row) {
    try {
      const saved = JSON.parse(row.value) as { used?: unknown; remaining?: unknown };
      counter.restore({ used: typeof saved.used === 'number' ? saved.used : 0, remaining: typeof saved.remaining === 'number' ? saved.remaining : null });
    } catch {
      // A damaged value is replaced by the next write; the count starts again from what the printer reports.
    }
  }
  const write = db.prepare(
    'INSERT INTO kiosk_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  return counter.subscribe((count) => write.run(KEY, JSON.stringify({ used: count.used, remaining: count.remaining }), now()));
}
