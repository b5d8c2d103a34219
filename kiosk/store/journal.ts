import { containsResidentNumber } from '../../common/privacy';
import type { KioskDatabase } from './database';

/**
 * The journal: a step that moves money, paper or records is written `pending` before the device is told to act
 * and `confirmed` or `failed` after. Start-up recovery reads what is still pending and settles it.
 */
export type JournalStatus = 'pending' | 'confirmed' | 'failed' | 'settled';

export type JournalEntry = {
  readonly id: number;
  readonly sessionId: string;
  readonly step: string;
  readonly detail: Record<string, unknown>;
  readonly status: JournalStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
};

type JournalRow = {
  id: number;
  session_id: string;
  step: string;
  detail: string;
  status: JournalStatus;
  created_at: number;
  updated_at: number;
};

function serialise(detail: Record<string, unknown>): string {
  const json = JSON.stringify(detail);
  // A programmer error: the journal is on disk and must never hold personal data.
  if (containsResidentNumber(json)) throw new Error('refusing to journal a detail that contains a resident number');
  return json;
}

const toEntry = (row: JournalRow): JournalEntry => ({
  id: row.id,
  sessionId: row.session_id,
  step: row.step,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class Journal {
  private readonly insert;
  private readonly update;
  private readonly pendingStatement;
  private readonly sessionStatement;

  constructor(
    private readonly db: KioskDatabase,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(
      "INSERT INTO journal (session_id, step, detail, status, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)",
    );
    this.update = db.prepare('UPDATE journal SET status = ?, detail = ?, updated_at = ? WHERE id = ?');
    this.pendingStatement = db.prepare("SELECT * FROM journal WHERE status = 'pending' ORDER BY id");
    this.sessionStatement = db.prepare('SELECT * FROM journal WHERE session_id = ? ORDER BY id');
  }

  /** Record a step before acting. Call inside a transaction when an outbox event or ledger row goes with it. */
  begin(sessionId: string, step: string, detail: Record<string, unknown> = {}): number {
    const at = this.now();
    return Number(this.insert.run(sessionId, step, serialise(detail), at, at).lastInsertRowid);
  }

  finish(id: number, status: Exclude<JournalStatus, 'pending'>, detail: Record<string, unknown>): void {
    this.update.run(status, serialise(detail), this.now(), id);
  }

  confirm(id: number, detail: Record<string, unknown> = {}): void {
    this.finish(id, 'confirmed', { ...this.get(id)?.detail, ...detail });
  }

  fail(id: number, detail: Record<string, unknown> = {}): void {
    this.finish(id, 'failed', { ...this.get(id)?.detail, ...detail });
  }

  settle(id: number, detail: Record<string, unknown> = {}): void {
    this.finish(id, 'settled', { ...this.get(id)?.detail, ...detail });
  }

  get(id: number): JournalEntry | undefined {
    const row = this.db.prepare('SELECT * FROM journal WHERE id = ?').get(id) as JournalRow | undefined;
    return row ? toEntry(row) : undefined;
  }

  pending(): JournalEntry[] {
    return (this.pendingStatement.all() as JournalRow[]).map(toEntry);
  }

  ofSession(sessionId: string): JournalEntry[] {
    return (this.sessionStatement.all(sessionId) as JournalRow[]).map(toEntry);
  }
}
