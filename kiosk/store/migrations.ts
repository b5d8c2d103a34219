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
    id: 'cash/001-ledger',
    sql: `
      -- The money of one session: what it took in and where every won went. Money in = fees kept + change paid
      -- + refunds paid in coins + refunds owed (vouchers), to the won, once the account is closed.
      CREATE TABLE cash_accounts (
        session_id TEXT PRIMARY KEY,
        amount_due INTEGER NOT NULL CHECK (amount_due >= 0),
        status TEXT NOT NULL CHECK (status IN ('collecting', 'paid', 'closed')),
        received INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
        fee_kept INTEGER NOT NULL DEFAULT 0 CHECK (fee_kept >= 0),
        change_paid INTEGER NOT NULL DEFAULT 0 CHECK (change_paid >= 0),
        refund_paid INTEGER NOT NULL DEFAULT 0 CHECK (refund_paid >= 0),
        refund_owed INTEGER NOT NULL DEFAULT 0 CHECK (refund_owed >= 0),
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        closed_at INTEGER,
        CHECK (fee_kept + change_paid + refund_paid + refund_owed <= received)
      ) STRICT;
      CREATE INDEX cash_accounts_open ON cash_accounts (status) WHERE status != 'closed';

      -- Append-only record of every movement of notes and coins. session_id is null for service-mode movements
      -- (refills, cash-box collection) and for notes no session can be found for.
      CREATE TABLE cash_movements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('note-stacked', 'note-returned', 'note-jammed', 'unattributed-note',
          'coins-paid', 'fee-kept', 'refund-owed', 'hopper-refilled', 'hopper-counted', 'box-collected')),
        amount INTEGER NOT NULL,
        denomination INTEGER,
        count INTEGER,
        purpose TEXT CHECK (purpose IS NULL OR purpose IN ('change', 'refund')),
        journal_id INTEGER REFERENCES journal (id),
        voucher_code TEXT,
        detail TEXT NOT NULL DEFAULT '{}',
        occurred_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cash_movements_session ON cash_movements (session_id);

      -- What the cash box holds, by note value (0 = a note whose value is unknown, e.g. found at power-up).
      CREATE TABLE cash_box (
        denomination INTEGER PRIMARY KEY,
        notes INTEGER NOT NULL CHECK (notes >= 0)
      ) STRICT;

      -- Coins in each hopper as the ledger counts them (refills in, payouts out).
      CREATE TABLE cash_hoppers (
        coin_value INTEGER PRIMARY KEY,
        coins INTEGER NOT NULL CHECK (coins >= 0),
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Money owed to a citizen that the hoppers could not pay: claimed at the office with the printed code.
      CREATE TABLE refund_vouchers (
        code TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        reason TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        printed_at INTEGER,
        claimed_at INTEGER
      ) STRICT;
    `,
  },
  {
    id: 'sync/001-outbox-rejections',
    sql: `
      -- Events the central office refused for good (an invalid payload): taken out of the send queue (marked acked)
      -- and kept here with the office's reason for a technician, never re-sent blindly.
      CREATE TABLE outbox_rejections (
        event_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        reason TEXT NOT NULL,
        rejected_at INTEGER NOT NULL
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
  {
    id: 'operations/001-service-mode',
    sql: `
      -- Every entry into service mode and every action in it (who: the service session; never a PIN), for the
      -- district office's audit: append-only.
      CREATE TABLE service_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        session TEXT,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX service_audit_at ON service_audit (at);

      -- Wrong technician PINs in a row and the lockout they caused: one row, kept on disk so that a restart
      -- (or pulling the plug) does not give a guesser fresh attempts.
      CREATE TABLE service_pin_guard (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL CHECK (failures >= 0),
        lockouts INTEGER NOT NULL CHECK (lockouts >= 0),
        locked_until INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    id: 'operations/002-day-close',
    sql: `
      -- End-of-day closes (마감). Each covers the outbox events after the previous close (last_seq), so a day is
      -- never counted twice or skipped whatever the time of closing; the cash box is reconciled to the won and a
      -- discrepancy is stored and sent, never hidden.
      CREATE TABLE day_closes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        business_date TEXT NOT NULL,
        closed_at INTEGER NOT NULL,
        first_seq INTEGER NOT NULL,
        last_seq INTEGER NOT NULL,
        issuances INTEGER NOT NULL,
        fees_kept INTEGER NOT NULL,
        change_paid INTEGER NOT NULL,
        refunds_owed INTEGER NOT NULL,
        box_expected INTEGER NOT NULL,
        box_counted INTEGER,
        discrepancy INTEGER NOT NULL,
        summary TEXT NOT NULL
      ) STRICT;
      CREATE INDEX day_closes_date ON day_closes (business_date);
    `,
  },
];
