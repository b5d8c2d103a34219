import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Schema migrations, written once with kysely's schema builder so that SQLite and PostgreSQL get the same tables.
 * Names sort in the order they apply. Never edit a migration that has shipped: add a new one.
 */
export const CENTRAL_MIGRATIONS: Record<string, Migration> = {
  '001-events': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('events')
        .addColumn('event_id', 'text', (column) => column.primaryKey())
        .addColumn('kiosk_id', 'text', (column) => column.notNull())
        .addColumn('seq', 'bigint', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('occurred_at', 'bigint', (column) => column.notNull())
        .addColumn('local_date', 'text', (column) => column.notNull())
        .addColumn('session_id', 'text')
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('document_code', 'text')
        .addColumn('issuance_number', 'text')
        .addColumn('amount', 'bigint')
        .addColumn('copies', 'integer')
        .addColumn('pages', 'integer')
        .addColumn('received_at', 'bigint', (column) => column.notNull())
        .addColumn('arrival', 'bigint', (column) => column.notNull())
        // One event per kiosk sequence number: a re-used seq with another event id is refused, not merged.
        .addUniqueConstraint('events_kiosk_seq', ['kiosk_id', 'seq'])
        .execute();
      await db.schema.createIndex('events_report').on('events').columns(['type', 'local_date', 'kiosk_id']).execute();
      // Document verification finds the document.issued event by its issuance number; most events have none.
      await db.schema
        .createIndex('events_issuance')
        .on('events')
        .column('issuance_number')
        .where(sql.ref('issuance_number'), 'is not', null)
        .execute();

      await db.schema
        .createTable('kiosk_progress')
        .addColumn('kiosk_id', 'text', (column) => column.primaryKey())
        .addColumn('contiguous_seq', 'bigint', (column) => column.notNull())
        .addColumn('max_seq', 'bigint', (column) => column.notNull())
        .addColumn('event_count', 'bigint', (column) => column.notNull())
        .addColumn('arrivals', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  '002-issuances': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('issuances')
        .addColumn('issuance_number', 'text', (column) => column.primaryKey())
        .addColumn('verification_number', 'text', (column) => column.notNull())
        .addColumn('kiosk_id', 'text', (column) => column.notNull())
        .addColumn('document_code', 'text', (column) => column.notNull())
        .addColumn('reserved_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('issuance_counters')
        .addColumn('day', 'text', (column) => column.primaryKey())
        .addColumn('last', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  '003-identity': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('identity_attempts')
        .addColumn('attempt_id', 'text', (column) => column.primaryKey())
        .addColumn('subject_digest', 'text', (column) => column.notNull())
        .addColumn('kiosk_id', 'text', (column) => column.notNull())
        .addColumn('at', 'bigint', (column) => column.notNull())
        .addColumn('outcome', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('identity_attempts_subject').on('identity_attempts').columns(['subject_digest', 'at']).execute();
      await db.schema.createIndex('identity_attempts_kiosk').on('identity_attempts').columns(['kiosk_id', 'at']).execute();
      await db.schema
        .createTable('identity_tokens')
        .addColumn('token_digest', 'text', (column) => column.primaryKey())
        .addColumn('person_id', 'text', (column) => column.notNull())
        .addColumn('kiosk_id', 'text', (column) => column.notNull())
        .addColumn('document_codes', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'bigint', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
  '004-heartbeats': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('heartbeats')
        .addColumn('kiosk_id', 'text', (column) => column.primaryKey())
        .addColumn('received_at', 'bigint', (column) => column.notNull())
        .addColumn('body', 'text', (column) => column.notNull())
        .execute();
    },
  },
  '005-reservation-subject': {
    async up(db: Kysely<unknown>): Promise<void> {
      // Who a reservation was for (a person id of the registry, null for public records) and the resolved options,
      // so that the kiosk can have the same record again after a restart (POST /v1/records/reserved). SQLite adds
      // one column per statement.
      await db.schema.alterTable('issuances').addColumn('subject_id', 'text').execute();
      await db.schema.alterTable('issuances').addColumn('options', 'text').execute();
    },
  },
  '006-refund-vouchers': {
    async up(db: Kysely<unknown>): Promise<void> {
      // The vouchers the kiosks printed (from `cash.refund-owed`) and the claims paid at an office counter
      // (docs/central-office-api.md, "Refund vouchers"). A claim's primary key is the voucher's: one claim each.
      await db.schema
        .createTable('refund_vouchers')
        .addColumn('kiosk_id', 'text', (column) => column.notNull())
        .addColumn('voucher_code', 'text', (column) => column.notNull())
        .addColumn('event_id', 'text', (column) => column.notNull())
        .addColumn('amount', 'bigint', (column) => column.notNull())
        .addColumn('reason', 'text', (column) => column.notNull())
        .addColumn('session_id', 'text')
        .addColumn('issued_at', 'bigint', (column) => column.notNull())
        .addColumn('issued_date', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('refund_vouchers_pk', ['kiosk_id', 'voucher_code'])
        .execute();
      // The counter looks a voucher up by its code alone (the kiosk only when two kiosks printed the same code).
      await db.schema.createIndex('refund_vouchers_code').on('refund_vouchers').column('voucher_code').execute();
      await db.schema
        .createTable('voucher_claims')
        .addColumn('kiosk_id', 'text', (column) => column.notNull())
        .addColumn('voucher_code', 'text', (column) => column.notNull())
        .addColumn('amount', 'bigint', (column) => column.notNull())
        .addColumn('claimed_at', 'bigint', (column) => column.notNull())
        .addColumn('claimed_date', 'text', (column) => column.notNull())
        .addColumn('claimed_by', 'text', (column) => column.notNull())
        .addColumn('claimed_by_name', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('voucher_claims_pk', ['kiosk_id', 'voucher_code'])
        .execute();
      await db.schema.createIndex('voucher_claims_report').on('voucher_claims').columns(['claimed_date', 'kiosk_id']).execute();
      await backfillVouchers(db as Kysely<BackfillSchema>);
    },
  },
};

type BackfillSchema = {
  events: { event_id: string; kiosk_id: string; type: string; occurred_at: number; local_date: string; session_id: string | null; payload: string; amount: number | null };
  refund_vouchers: { kiosk_id: string; voucher_code: string; event_id: string; amount: number; reason: string; session_id: string | null; issued_at: number; issued_date: string };
};
const BACKFILL_CHUNK = 500;

/**
 * Vouchers whose events arrived before migration 006, so that they can be claimed like the later ones. The payload
 * is JSON text, read here in JavaScript rather than with each engine's own JSON functions. Refund events are a few
 * per kiosk per day; the chunks only keep a large log from being read at once.
 */
async function backfillVouchers(db: Kysely<BackfillSchema>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('events')
      .select(['event_id', 'kiosk_id', 'occurred_at', 'local_date', 'session_id', 'payload', 'amount'])
      .where('type', '=', 'cash.refund-owed')
      .where('event_id', '>', after)
      .orderBy('event_id')
      .limit(BACKFILL_CHUNK)
      .execute();
    if (rows.length === 0) return;
    const vouchers = rows.flatMap((row) => {
      let payload: { voucherCode?: unknown; reason?: unknown };
      try {
        payload = JSON.parse(row.payload) as typeof payload;
      } catch {
        return [];
      }
      if (typeof payload.voucherCode !== 'string' || payload.voucherCode === '') return [];
      return [
        {
          kiosk_id: row.kiosk_id,
          voucher_code: payload.voucherCode,
          event_id: row.event_id,
          amount: Number(row.amount ?? 0),
          reason: typeof payload.reason === 'string' ? payload.reason : '',
          session_id: row.session_id,
          issued_at: Number(row.occurred_at),
          issued_date: row.local_date,
        },
      ];
    });
    if (vouchers.length > 0) {
      await db
        .insertInto('refund_vouchers')
        .values(vouchers)
        .onConflict((conflict) => conflict.columns(['kiosk_id', 'voucher_code']).doNothing())
        .execute();
    }
    after = rows[rows.length - 1]!.event_id;
  }
}
