import type { KioskDatabase } from '../store';
import { scrubResidentNumbers } from '../../common/privacy';

/**
 * What the sync client remembers across restarts, in the kiosk's `kiosk_state` table, so that `kiosk sync status`
 * (another process) can say when the queue last drained and why the last attempt failed. Never personal data:
 * messages are scrubbed before they are written.
 */
export type PersistedSyncState = {
  readonly lastAttemptAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly centralProgress: { readonly contiguousSeq: number; readonly maxSeq: number; readonly missing: number } | null;
};

const KEY = 'sync.state';

export const EMPTY_SYNC_STATE: PersistedSyncState = { lastAttemptAt: null, lastSuccessAt: null, lastError: null, consecutiveFailures: 0, centralProgress: null };

export function readSyncState(db: KioskDatabase): PersistedSyncState {
  const row = db.prepare('SELECT value FROM kiosk_state WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return EMPTY_SYNC_STATE;
  try {
    return { ...EMPTY_SYNC_STATE, ...(JSON.parse(row.value) as Partial<PersistedSyncState>) };
  } catch {
    return EMPTY_SYNC_STATE;
  }
}

export function writeSyncState(db: KioskDatabase, state: PersistedSyncState, now: number): void {
  const value = JSON.stringify({ ...state, lastError: state.lastError === null ? null : scrubResidentNumbers(state.lastError) });
  db.prepare(
    'INSERT INTO kiosk_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  ).run(KEY, value, now);
}

export function rejectedCount(db: KioskDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox_rejections').get() as { n: number }).n;
}

export function recentRejections(db: KioskDatabase, limit = 20): { eventId: string; seq: number; reason: string; rejectedAt: number }[] {
  return (
    db.prepare('SELECT event_id, seq, reason, rejected_at FROM outbox_rejections ORDER BY seq DESC LIMIT ?').all(limit) as {
      event_id: string;
      seq: number;
      reason: string;
      rejected_at: number;
    }[]
  ).map((row) => ({ eventId: row.event_id, seq: row.seq, reason: row.reason, rejectedAt: row.rejected_at }));
}
