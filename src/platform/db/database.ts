import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Drizzle over either backend. Stores take this type; a transaction is one too. */
export type Orm = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** A single connection, for work that needs session state (advisory locks, multi-statement SQL). */
export interface DbSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction on this connection; rolls back if it throws. */
  transaction<T>(fn: (tx: DbSession & { exec(sql: string): Promise<void> }) => Promise<T>): Promise<T>;
}

/**
 * The one database abstraction: the embedded PGlite and PostgreSQL implement it with the same SQL,
 * so no module ever asks which one it runs on.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * A statement parsed and planned once per connection under `name` (PostgreSQL keeps named
   * statements per connection), for a hot path where a large statement's parsing would cost more
   * than running it. Outside any transaction: the statement commits on its own.
   */
  prepared<T = Record<string, unknown>>(name: string, sql: string): (params: unknown[]) => Promise<T[]>;
  /** Holds one connection for the duration of `fn`. */
  withSession<T>(fn: (session: DbSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A store whose queries also run inside a transaction: `store.transaction(s => ...)` hands the
 * callback the same queries bound to the transaction.
 */
export function transactional<Q>(orm: Orm, queries: (orm: Orm) => Q): Q & { transaction<T>(fn: (store: Q) => Promise<T>): Promise<T> } {
  return {
    ...queries(orm),
    transaction: <T>(fn: (store: Q) => Promise<T>) => orm.transaction((tx) => fn(queries(tx as unknown as Orm))),
  };
}
