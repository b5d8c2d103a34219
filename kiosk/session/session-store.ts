import type { EventPayload, EventType } from '../../central-office/contract/events';
import { containsResidentNumber } from '../../common/privacy';
import type { JournalEntry, KioskDatabase } from '../store';
import { Journal, Outbox } from '../store';

/**
 * The session's durable side: journal steps and the outbox events that go with them, each in one transaction
 * (ARCHITECTURE.md: "journaled before they move"), and the persisted snapshot of the open session.
 *
 * The journal vocabulary of a session (detail fields never hold personal data or document contents). Money is not
 * here: the money service journals its own steps (`cash.stack`, `cash.return`, `cash.dispense`, kiosk/cash/ledger.ts)
 * in the same journal table under the session's id, with the cash.* events; the session reads none of them.
 *
 * | step              | begin (before the device acts)                 | confirm / fail (after)                          | events               |
 * |-------------------|------------------------------------------------|-------------------------------------------------|----------------------|
 * | `records.reserve` | documentCode, copies, options                  | issuanceNumber, verificationNumber, inDistrict, pages / reason | —     |
 * | `records.refetch` | documentCode, issuanceNumber                   | — / reason                                      | —                    |
 * | `print.copy`      | documentCode, issuanceNumber, verificationNumber, copy, copies, fromPage, pages, perCopy, waivedBy | printedTo (+ code on fail) | — |
 * | `print.receipt`   | —                                              | printed                                         | —                    |
 * | `session.close`   | outcome and the money (written confirmed)      |                                                 | document.*, session.completed |
 *
 * Start-up recovery marks what it found pending as `settled`, with the fate it established.
 */
export const STEP = {
  reserve: 'records.reserve',
  refetch: 'records.refetch',
  printCopy: 'print.copy',
  receipt: 'print.receipt',
  close: 'session.close',
} as const;

/** The session's own steps (the journal table also holds the money service's). */
export const SESSION_STEPS: readonly string[] = Object.values(STEP);

export type OutboxEvent = { [T in EventType]: { readonly type: T; readonly payload: EventPayload<T> } }[EventType];

/** Crash tests cut the power around writes: `before` throwing = the write never happened; `after` = it did. */
export type WriteGate = {
  before(label: string): void;
  after(label: string): void;
};

export type SessionCheckpoint = {
  readonly sessionId: string;
  readonly state: string;
  readonly savedAt: number;
  readonly snapshot: Record<string, unknown>;
};

export class SessionStore {
  readonly journal: Journal;
  readonly outbox: Outbox;
  gate: WriteGate | null;
  private readonly saveStatement;
  private readonly loadStatement;
  private readonly clearStatement;
  private readonly unfinishedStatement;

  constructor(
    readonly db: KioskDatabase,
    private readonly now: () => number,
    options: { journal?: Journal; outbox?: Outbox; kioskId?: string; gate?: WriteGate } = {},
  ) {
    this.journal = options.journal ?? new Journal(db, now);
    this.outbox = options.outbox ?? new Outbox(db, options.kioskId ?? 'KIOSK', now);
    this.gate = options.gate ?? null;
    this.saveStatement = db.prepare(
      `INSERT INTO session_snapshot (slot, session_id, state, snapshot, saved_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (slot) DO UPDATE SET session_id = excluded.session_id, state = excluded.state,
         snapshot = excluded.snapshot, saved_at = excluded.saved_at`,
    );
    this.loadStatement = db.prepare('SELECT session_id, state, snapshot, saved_at FROM session_snapshot WHERE slot = 1');
    this.clearStatement = db.prepare('DELETE FROM session_snapshot WHERE slot = 1');
    const own = SESSION_STEPS.map((step) => `'${step}'`).join(', ');
    this.unfinishedStatement = db.prepare(
      `SELECT session_id FROM journal WHERE step IN (${own}) GROUP BY session_id
       HAVING sum(CASE WHEN step = 'session.close' THEN 1 ELSE 0 END) = 0
       ORDER BY min(id)`,
    );
  }

  private write<T>(label: string, action: () => T): T {
    this.gate?.before(label);
    const result = this.db.transaction(action)();
    this.gate?.after(label);
    return result;
  }

  private append(sessionId: string, events: readonly OutboxEvent[]): void {
    for (const event of events) this.outbox.append(event.type, event.payload as never, sessionId);
  }

  begin(sessionId: string, step: string, detail: Record<string, unknown>, events: readonly OutboxEvent[] = []): number {
    return this.write(`${step}:begin`, () => {
      const id = this.journal.begin(sessionId, step, detail);
      this.append(sessionId, events);
      return id;
    });
  }

  confirm(id: number, detail: Record<string, unknown>, events: readonly OutboxEvent[] = []): void {
    const entry = this.journal.get(id);
    this.write(`${entry?.step ?? 'step'}:confirm`, () => {
      this.journal.confirm(id, detail);
      if (entry) this.append(entry.sessionId, events);
    });
  }

  fail(id: number, detail: Record<string, unknown>, events: readonly OutboxEvent[] = []): void {
    const entry = this.journal.get(id);
    this.write(`${entry?.step ?? 'step'}:fail`, () => {
      this.journal.fail(id, detail);
      if (entry) this.append(entry.sessionId, events);
    });
  }

  /** Recovery: a pending step whose fate is now known. */
  settle(id: number, detail: Record<string, unknown>, events: readonly OutboxEvent[] = []): void {
    const entry = this.journal.get(id);
    this.write(`${entry?.step ?? 'step'}:settle`, () => {
      this.journal.settle(id, detail);
      if (entry) this.append(entry.sessionId, events);
    });
  }

  /** The one closing transaction of a session: its outcome, its events, and the snapshot gone. */
  close(sessionId: string, detail: Record<string, unknown>, events: readonly OutboxEvent[]): void {
    this.write(`${STEP.close}:record`, () => {
      const id = this.journal.begin(sessionId, STEP.close, detail);
      this.journal.confirm(id);
      this.append(sessionId, events);
      const saved = this.loadStatement.get() as { session_id: string } | undefined;
      if (saved?.session_id === sessionId) this.clearStatement.run();
    });
  }

  isClosed(sessionId: string): boolean {
    return this.ofSession(sessionId).some((entry) => entry.step === STEP.close);
  }

  /** The session's own steps, oldest first (not the money service's). */
  ofSession(sessionId: string): JournalEntry[] {
    return this.journal.ofSession(sessionId).filter((entry) => SESSION_STEPS.includes(entry.step));
  }

  /** Sessions with journal steps but no `session.close`, oldest first. */
  unfinishedSessions(): string[] {
    return this.unfinishedStatement.pluck().all() as string[];
  }

  saveCheckpoint(checkpoint: SessionCheckpoint): void {
    const json = JSON.stringify(checkpoint.snapshot);
    // A programmer error: the snapshot is on disk and must never hold a resident number (domain.md, "Privacy").
    if (containsResidentNumber(json)) throw new Error('refusing to persist a session snapshot that contains a resident number');
    this.gate?.before('snapshot');
    this.saveStatement.run(checkpoint.sessionId, checkpoint.state, json, checkpoint.savedAt);
  }

  loadCheckpoint(): SessionCheckpoint | null {
    const row = this.loadStatement.get() as { session_id: string; state: string; snapshot: string; saved_at: number } | undefined;
    if (!row) return null;
    return { sessionId: row.session_id, state: row.state, savedAt: row.saved_at, snapshot: JSON.parse(row.snapshot) as Record<string, unknown> };
  }

  clearCheckpoint(): void {
    this.gate?.before('snapshot');
    this.clearStatement.run();
  }
}
