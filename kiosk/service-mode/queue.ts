import { readSyncState, rejectedCount } from '../sync/sync-state';
import type { KioskDatabase } from '../store/database';
import type { QueueStatus } from './ports';

/** The offline queue read from the database alone (no sync client at hand: `kiosk diag` or a kiosk without one). */
export function queueFromDatabase(db: KioskDatabase, now: number): QueueStatus {
  const depth = db.prepare('SELECT count(*) AS depth, min(occurred_at) AS oldest FROM outbox WHERE acked_at IS NULL').get() as { depth: number; oldest: number | null };
  const state = readSyncState(db);
  return {
    depth: depth.depth,
    oldestUnsentAgeSeconds: depth.oldest === null ? null : Math.max(0, Math.round((now - depth.oldest) / 1000)),
    rejected: rejectedCount(db),
    lastAttemptAt: state.lastAttemptAt,
    lastSuccessAt: state.lastSuccessAt,
    lastError: state.lastError,
  };
}
