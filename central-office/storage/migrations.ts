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
};
