import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { err, ok, type Result } from '../../common/result';
import { CENTRAL_MIGRATIONS } from './migrations';
import { preparedPostgres, preparedSqlite } from './prepared';
import type { CentralSchema } from './schema';

/**
 * Opening the central office's database: SQLite by default (a file, zero set-up) or PostgreSQL (a URL), the same
 * schema and queries over both, migrated on open.
 */
export type StorageConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

export type CentralStorage = {
  readonly kind: StorageConfig['kind'];
  readonly db: Kysely<CentralSchema>;
  close(): Promise<void>;
};

export type StorageError =
  | { readonly kind: 'cannot-open'; readonly detail: string }
  | { readonly kind: 'migration-failed'; readonly detail: string };

const SQLITE_BUSY_TIMEOUT_MS = 5000;
const SQLITE_CACHE_KIB = 64 * 1024;
const DEFAULT_POOL_SIZE = 10;

// PostgreSQL returns int8 (counts, bigint columns) and numeric (sums) as strings so as not to lose precision;
// every such value here is a count, a won amount or epoch milliseconds, all far below 2^53.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export async function openStorage(config: StorageConfig): Promise<Result<CentralStorage, StorageError>> {
  let db: Kysely<CentralSchema>;
  try {
    db = config.kind === 'sqlite' ? openSqlite(config.file) : openPostgres(config.url, config.poolSize ?? DEFAULT_POOL_SIZE);
  } catch (error) {
    return err({ kind: 'cannot-open', detail: (error as Error).message });
  }
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => CENTRAL_MIGRATIONS } });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy().catch(() => undefined);
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      const detail = error instanceof Error ? error.message : String(error);
      return err({
        kind: isConnectionError(detail) ? 'cannot-open' : 'migration-failed',
        detail: failed ? `migration ${failed}: ${detail}` : detail,
      });
    }
  } catch (error) {
    await db.destroy().catch(() => undefined);
    return err({ kind: 'cannot-open', detail: (error as Error).message });
  }
  return ok({ kind: config.kind, db, close: () => db.destroy() });
}

function openSqlite(file: string): Kysely<CentralSchema> {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // The issuance log is the office's record of money and paper: a batch acknowledged is on disk.
  database.pragma('synchronous = FULL');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Random event ids make the primary-key index grow everywhere at once: keep its pages in memory.
  database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  return new Kysely<CentralSchema>({ dialect: new SqliteDialect({ database: preparedSqlite(database) }) });
}

function openPostgres(url: string, poolSize: number): Kysely<CentralSchema> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  // An idle client losing its connection must not crash the office; the next query gets a fresh one.
  pool.on('error', () => undefined);
  return new Kysely<CentralSchema>({ dialect: new PostgresDialect({ pool: preparedPostgres(pool) }) });
}

function isConnectionError(detail: string): boolean {
  return /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|password authentication|does not exist|connect/i.test(detail);
}
