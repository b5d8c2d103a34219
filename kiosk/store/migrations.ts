/**
 * Schema migrations, applied in this order and recorded by id in `schema_migrations`. Ids are
 * `<area>/<number>-<what>` so that parts of the kiosk (journal, outbox, cash, session …) add their own without
 * renumbering each other's. Never edit a migration that has shipped: add a new one.
 */
export type Migration = { readonly id: string; readonly sql: string };

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 'core/001-journal',
    sql: `
      -- Every step that moves money, paper or records: written 'pending' before the device acts,
      -- 'confirmed' (or 'failed') after, 'settled' when start-up recovery has dealt with it.
      CREATE TABLE journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        step TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed', 'settled')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX journal_open ON journal (status) WHERE status = 'pending';
      CREATE INDEX journal_session ON journal (session_id);
    `,
  },
  {
    id: 'core/002-outbox',
    sql: `
      -- Issuance-log events for the central office. seq is the kiosk's own sequence number: the central office
      -- sees gaps. Rows are marked acked only after the central office acknowledged them.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        session_id TEXT,
        payload TEXT NOT NULL,
        acked_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_unacked ON outbox (seq) WHERE acked_at IS NULL;
    `,
  },
  {
    id: 'core/003-settings',
    sql: `
      -- Small durable key/values of the kiosk itself (last sync, counters), never personal data.
      CREATE TABLE kiosk_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    id: 'session/001-snapshot',
    sql: `
      -- The citizen's session as it stands (one row): state, basket, money and progress, never a resident number,
      -- a token or a document's contents. Written on every change while a session is open, cleared in the same
      -- transaction that closes it; a row found at start-up means the kiosk stopped mid-session.
      CREATE TABLE session_snapshot (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        session_id TEXT NOT NULL,
        state TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        saved_at INTEGER NOT NULL
      ) STRICT;
      -- Start-up recovery looks for sessions whose journal has no session.close.
      CREATE INDEX journal_session_step ON journal (session_id, step);
    `,
  },
];
