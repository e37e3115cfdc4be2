import { mkdir } from 'node:fs/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Database, DbSession, Orm } from './database.js';
import { PGliteThread, type PGliteClient } from './pglite-thread.js';

function txSession(tx: Transaction) {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await tx.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    transaction(): never {
      throw new Error('nested transactions are not supported');
    },
  };
}

/** Wraps an open PGlite: on its own thread (the server's), or in-process (a clone, in tests). */
export function pgliteDatabase(pg: PGliteClient): Database {
  const query = async <T>(sql: string, params?: unknown[]) => (await pg.query<T>(sql, params as unknown[])).rows;
  // PGlite is a single connection, so "a session" is the instance itself.
  const session: DbSession = {
    query,
    transaction: (fn) => pg.transaction((tx) => fn(txSession(tx))),
  };
  return {
    kind: 'pglite',
    orm: drizzle({ client: pg as PGlite }) as unknown as Orm,
    query,
    // Plain queries: SQL PREPARE/EXECUTE (PGlite's API has no named statements) was measured
    // slower in the chat benchmark (520-597 against 867 msg/s), and in-process there is no round trip to save.
    prepared: <T>(_name: string, sql: string) => (params: unknown[]) => query<T>(sql, params),
    withSession: (fn) => fn(session),
    close: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}

/** Opens (creating on first use) the embedded database under `dataDir`, on its own thread. */
export async function openPglite(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  return pgliteDatabase(await PGliteThread.open(dataDir));
}
