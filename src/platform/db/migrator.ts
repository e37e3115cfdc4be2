import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Any constant works; it only has to be the same on every node. ("WDmigrat" as bytes.) */
const MIGRATION_LOCK_KEY = 0x57446d6967726174n;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(`${dir}/${file}`, 'utf8');
      const [version = '', ...rest] = file.replace(/\.sql$/, '').split('_');
      return { version, name: rest.join('_'), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction, recording it in
 * schema_migrations. Nodes that start together serialize on a PostgreSQL advisory lock; inside
 * each transaction the version row is claimed before the SQL runs, so even two migrators in one
 * process (where the advisory lock is re-entrant) apply a migration once.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<MigrationResult> {
  const all = migrations ?? (await loadMigrations());
  return db.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await session.query(`create table if not exists schema_migrations (
        version text primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now())`);
      const known = new Map(
        (await session.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations')).map(
          (r) => [r.version, r.checksum],
        ),
      );
      const result: MigrationResult = { applied: [], alreadyApplied: [] };
      for (const m of all) {
        const seen = known.get(m.version);
        if (seen !== undefined && seen !== m.checksum) {
          throw new Error(`migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`);
        }
        if (seen !== undefined) {
          result.alreadyApplied.push(m.version);
          continue;
        }
        const claimed = await session.transaction(async (tx) => {
          const rows = await tx.query(
            'insert into schema_migrations (version, name, checksum) values ($1, $2, $3) on conflict (version) do nothing returning version',
            [m.version, m.name, m.checksum],
          );
          if (rows.length === 0) return false;
          await tx.exec(m.sql);
          return true;
        });
        (claimed ? result.applied : result.alreadyApplied).push(m.version);
      }
      return result;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  });
}
