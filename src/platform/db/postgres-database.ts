import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database, DbSession, Orm } from './database.js';

function clientSession(client: pg.PoolClient): DbSession {
  const query = async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[];
  return {
    query,
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        const result = await fn({ query, transaction: () => { throw new Error('nested transactions are not supported'); }, exec: async (sql) => { await client.query(sql); } });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    },
  };
}

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  await pool.query('select 1');
  return {
    kind: 'postgres',
    orm: drizzle({ client: pool }) as unknown as Orm,
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    prepared: <T>(name: string, sql: string) => async (params: unknown[]) => (await pool.query({ name, text: sql, values: params })).rows as T[],
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(clientSession(client));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
