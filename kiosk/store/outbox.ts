import { randomUUID } from 'node:crypto';
import { containsResidentNumber } from '../../common/privacy';
import { EventPayloads, type EventPayload, type EventType, type IssuanceEvent } from '../../central-office/contract/events';
import type { KioskDatabase } from './database';

/**
 * The outbox: issuance-log events waiting for the central office. `append` must be called inside the same
 * transaction as the journal or ledger step it describes, so that the step and its event exist together or not
 * at all.
 */
export type OutboxRow = {
  readonly seq: number;
  readonly eventId: string;
  readonly type: EventType;
  readonly occurredAt: number;
  readonly sessionId: string | null;
  readonly payload: unknown;
};

export class Outbox {
  private readonly insert;
  private readonly unackedStatement;
  private readonly ackStatement;
  private readonly depthStatement;

  constructor(
    private readonly db: KioskDatabase,
    private readonly kioskId: string,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(
      'INSERT INTO outbox (event_id, type, occurred_at, session_id, payload) VALUES (?, ?, ?, ?, ?)',
    );
    this.unackedStatement = db.prepare(
      'SELECT seq, event_id, type, occurred_at, session_id, payload FROM outbox WHERE acked_at IS NULL ORDER BY seq LIMIT ?',
    );
    this.ackStatement = db.prepare('UPDATE outbox SET acked_at = ? WHERE event_id = ? AND acked_at IS NULL');
    this.depthStatement = db.prepare(
      'SELECT count(*) AS depth, min(occurred_at) AS oldest FROM outbox WHERE acked_at IS NULL',
    );
  }

  append<T extends EventType>(type: T, payload: EventPayload<T>, sessionId: string | null = null): number {
    const checked = EventPayloads[type].parse(payload);
    const json = JSON.stringify(checked);
    // A programmer error, not an expected failure: personal data must never reach the queue.
    if (containsResidentNumber(json)) throw new Error(`refusing to queue a ${type} event that contains a resident number`);
    const info = this.insert.run(randomUUID(), type, this.now(), sessionId, json);
    return Number(info.lastInsertRowid);
  }

  unacked(limit: number): OutboxRow[] {
    const rows = this.unackedStatement.all(limit) as {
      seq: number;
      event_id: string;
      type: EventType;
      occurred_at: number;
      session_id: string | null;
      payload: string;
    }[];
    return rows.map((row) => ({
      seq: row.seq,
      eventId: row.event_id,
      type: row.type,
      occurredAt: row.occurred_at,
      sessionId: row.session_id,
      payload: JSON.parse(row.payload) as unknown,
    }));
  }

  toWire(row: OutboxRow): IssuanceEvent {
    return {
      eventId: row.eventId,
      kioskId: this.kioskId,
      seq: row.seq,
      type: row.type,
      occurredAt: new Date(row.occurredAt).toISOString(),
      sessionId: row.sessionId,
      payload: row.payload as Record<string, unknown>,
    };
  }

  markAcked(eventIds: readonly string[]): void {
    const at = this.now();
    this.db.transaction(() => {
      for (const id of eventIds) this.ackStatement.run(at, id);
    })();
  }

  depth(): { depth: number; oldestUnsentAt: number | null } {
    const row = this.depthStatement.get() as { depth: number; oldest: number | null };
    return { depth: row.depth, oldestUnsentAt: row.oldest };
  }
}
