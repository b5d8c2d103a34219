import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PostgresPool, PostgresPoolClient, SqliteDatabase } from 'kysely';
import type pg from 'pg';

/**
 * Prepared statements under kysely, for both engines, without changing a query: the drivers are handed thin
 * adapters that reuse what the engine already parsed. SQLite gets a cache of better-sqlite3 statements by SQL text;
 * PostgreSQL gets named statements (pg parses a named statement once per connection, then only binds). The event
 * ingest's 1,000-row insert is the reason: parsing it costs more than running it.
 */
const SQLITE_STATEMENT_CACHE = 128;

export function preparedSqlite(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last, so that the oldest is evicted first.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= SQLITE_STATEMENT_CACHE) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

export function preparedPostgres(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) => {
            // Statements without parameters (BEGIN, COMMIT, migrations' DDL) go through unnamed, as before.
            if (typeof sqlOrCursor === 'string' && parameters && parameters.length > 0) {
              return client.query({ name: statementName(sqlOrCursor), text: sqlOrCursor, values: [...parameters] });
            }
            return client.query(sqlOrCursor as string, parameters ? [...parameters] : undefined);
          }) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function statementName(sql: string): string {
  return `k_${createHash('sha1').update(sql).digest('hex')}`;
}
