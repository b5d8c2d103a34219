import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scrubResidentNumbers } from '../../common/privacy';
import type { KioskDatabase } from '../store/database';
import type { AuditEntry } from './audit';

/**
 * The technician's log export: one JSON-lines file with what a vendor or the district office needs to understand a
 * kiosk's trouble — the devices' reports, the queue, the service audit trail, the device, paper and cash events of the
 * last days from the outbox, refused events, unfinished journal steps, and the process's recent log lines. None of
 * these holds personal data by construction; the whole file is scrubbed once more before it is written.
 */
export const EXPORT_DIR = 'exports';
export const EXPORT_EVENT_DAYS = 14;

export type ExportSection = { readonly kind: string; readonly [key: string]: unknown };

export type LogExport = { readonly file: string; readonly name: string; readonly lines: number; readonly bytes: number };

export function exportName(kioskId: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `service-export-${kioskId}-${stamp}.jsonl`;
}

export function databaseSections(db: KioskDatabase, now: number, audit: readonly AuditEntry[]): ExportSection[] {
  const since = now - EXPORT_EVENT_DAYS * 24 * 3600_000;
  const events = db
    .prepare(
      `SELECT seq, type, occurred_at, session_id, payload, acked_at FROM outbox
       WHERE occurred_at >= ? AND (type LIKE 'device.%' OR type LIKE 'paper.%' OR type LIKE 'cash.%' OR type = 'day.closed' OR type = 'document.failed')
       ORDER BY seq`,
    )
    .all(since) as { seq: number; type: string; occurred_at: number; session_id: string | null; payload: string; acked_at: number | null }[];
  const rejections = db.prepare('SELECT event_id, seq, reason, rejected_at FROM outbox_rejections ORDER BY seq').all() as Record<string, unknown>[];
  const pending = db.prepare("SELECT id, session_id, step, detail, created_at FROM journal WHERE status = 'pending' ORDER BY id").all() as Record<string, unknown>[];
  return [
    ...audit.map((entry) => ({ kind: 'audit', ...entry })),
    ...events.map((row) => ({ kind: 'event', seq: row.seq, type: row.type, occurredAt: new Date(row.occurred_at).toISOString(), sessionId: row.session_id, acked: row.acked_at !== null, payload: JSON.parse(row.payload) as unknown })),
    ...rejections.map((row) => ({ kind: 'refused-event', ...row })),
    ...pending.map((row) => ({ kind: 'pending-journal-step', ...row })),
  ];
}

export function writeExport(dataDir: string, name: string, sections: readonly ExportSection[]): LogExport {
  const dir = path.join(dataDir, EXPORT_DIR);
  mkdirSync(dir, { recursive: true });
  const text = scrubResidentNumbers(sections.map((section) => JSON.stringify(section)).join('\n') + '\n');
  const file = path.join(dir, name);
  writeFileSync(file, text, { mode: 0o640 });
  return { file, name, lines: sections.length, bytes: Buffer.byteLength(text) };
}
