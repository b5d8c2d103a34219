import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StorageConfig } from '../../../central-office/storage/open';
import { startPostgres, type PostgresCluster } from '../../support/postgres';

/**
 * The same central-office tests run against SQLite and PostgreSQL: `describe.each(STORAGE_KINDS)` and, in each
 * block, `useStorage(kind)` gives a fresh, empty database per call (a temp file, or a new database on a private
 * cluster started once for the file).
 */
export const STORAGE_KINDS = ['sqlite', 'postgres'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

export function useStorage(kind: StorageKind): { fresh(): Promise<StorageConfig> } {
  let cluster: PostgresCluster | null = null;
  let dir: string | null = null;
  let count = 0;
  beforeAll(async () => {
    if (kind === 'postgres') cluster = await startPostgres();
    else dir = mkdtempSync(path.join(tmpdir(), 'central-sqlite-'));
  });
  afterAll(async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async fresh() {
      if (kind === 'postgres') {
        if (!cluster) throw new Error('the PostgreSQL cluster is not started (call fresh() inside a test or hook)');
        return { kind: 'postgres', url: await cluster.createDatabase() };
      }
      if (!dir) throw new Error('the SQLite directory is not ready');
      return { kind: 'sqlite', file: path.join(dir, `central-${++count}.sqlite`) };
    },
  };
}
