import { scrubValue } from '../../common/privacy';
import type { KioskDatabase } from '../store/database';

/**
 * The service-mode audit trail (table `service_audit`): every PIN attempt, entry, exit and action, with its outcome.
 * The actor is the service session's short id — never the PIN, never the session token. Details are scrubbed of
 * anything shaped like a resident number before they are written.
 */
export type AuditEntry = {
  readonly id: number;
  readonly at: number;
  readonly session: string | null;
  readonly action: string;
  readonly outcome: string;
  readonly detail: Readonly<Record<string, unknown>>;
};

export class ServiceAudit {
  constructor(
    private readonly db: KioskDatabase,
    private readonly now: () => number,
  ) {}

  record(session: string | null, action: string, outcome: string, detail: Record<string, unknown> = {}): void {
    this.db
      .prepare('INSERT INTO service_audit (at, session, action, outcome, detail) VALUES (?, ?, ?, ?, ?)')
      .run(this.now(), session, action, outcome, JSON.stringify(scrubValue(detail)));
  }

  recent(limit = 100): AuditEntry[] {
    const rows = this.db.prepare('SELECT id, at, session, action, outcome, detail FROM service_audit ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number;
      at: number;
      session: string | null;
      action: string;
      outcome: string;
      detail: string;
    }[];
    return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
  }
}
