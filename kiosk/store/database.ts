import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * The kiosk's one SQLite database: journal, outbox, cash ledger, session snapshot. WAL with synchronous=FULL so
 * that a step reported as journaled survives a power cut (ARCHITECTURE.md: "journaled before they move").
 */
export type KioskDatabase = Database.Database;

export type OpenError =
  | { readonly kind: 'corrupt'; readonly detail: string }
  | { readonly kind: 'cannot-open'; readonly detail: string }
  | { readonly kind: 'newer-schema'; readonly detail: string };

export const DATABASE_FILE = 'kiosk.sqlite';
const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Result<KioskDatabase, OpenError> {
  let db: KioskDatabase;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
  } catch (error) {
    return err({ kind: 'cannot-open', detail: (error as Error).message });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      return err({ kind: 'corrupt', detail: String(check) });
    }
    const migrated = migrate(db, migrations);
    if (!migrated.ok) {
      db.close();
      return migrated;
    }
    return ok(db);
  } catch (error) {
    db.close();
    const detail = (error as Error).message;
    return err({ kind: /malformed|not a database|corrupt/i.test(detail) ? 'corrupt' : 'cannot-open', detail });
  }
}

/** Applies, in order and each in its own transaction, the migrations not yet recorded. */
export function migrate(db: KioskDatabase, migrations: readonly Migration[]): Result<string[], OpenError> {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db.prepare('SELECT id FROM schema_migrations').pluck().all() as string[],
  );
  const known = new Set(migrations.map((migration) => migration.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return err({
      kind: 'newer-schema',
      detail: `the database has migrations this version does not know (${unknown.join(', ')}): was it written by a newer kiosk version?`,
    });
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, new Date().toISOString());
    })();
    done.push(migration.id);
  }
  return ok(done);
}
