import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { pgliteDatabase } from '../../src/platform/db/pglite-database.js';
import { openPostgres } from '../../src/platform/db/postgres-database.js';

export type Backend = 'pglite' | 'postgres';

export const postgresUrl = process.env.TEST_DATABASE_URL;
export const redisUrl = process.env.TEST_REDIS_URL;

/** The backends this run covers: always the embedded one, PostgreSQL when CI provides it. */
export const backends: Backend[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

let skipNoticePrinted = false;
export function noticeSkippedBackends(): void {
  if (skipNoticePrinted || (postgresUrl && redisUrl)) return;
  skipNoticePrinted = true;
  process.stderr.write(
    `\n[walletdesk tests] ${postgresUrl ? '' : 'TEST_DATABASE_URL not set: PostgreSQL runs skipped. '}${redisUrl ? '' : 'TEST_REDIS_URL not set: Redis event-bus runs skipped. '}(.ci/run sets both.)\n\n`,
  );
}

let template: Promise<PGlite> | undefined;
let empty: Promise<PGlite> | undefined;

async function emptyTemplate(): Promise<PGlite> {
  empty ??= (async () => {
    const pgl = new PGlite();
    await pgl.waitReady;
    return pgl;
  })();
  return empty;
}

/** A migrated PGlite built once per process; each caller gets its own clone (~0.5 s, not 4-8 s). */
async function pgliteTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const pgl = new PGlite();
    await pgl.waitReady;
    await migrate(pgliteDatabase(pgl));
    return pgl;
  })();
  return template;
}

export async function freshPglite(options: { migrated?: boolean } = {}): Promise<Database> {
  const source = options.migrated === false ? await emptyTemplate() : await pgliteTemplate();
  return pgliteDatabase((await source.clone()) as PGlite);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A throwaway PostgreSQL database, dropped when the returned database is closed. */
export async function freshPostgres(options: { migrated?: boolean } = {}): Promise<Database & { url: string }> {
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `wd_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(postgresUrl, name);
  const db = await openPostgres(url, 5);
  if (options.migrated !== false) await migrate(db);
  return {
    ...db,
    url,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: postgresUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export function freshDatabase(backend: Backend, options: { migrated?: boolean } = {}): Promise<Database> {
  return backend === 'pglite' ? freshPglite(options) : freshPostgres(options);
}
