import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMigrations, migrate } from '../src/platform/db/migrator.js';
import { openPostgres } from '../src/platform/db/postgres-database.js';
import { backends, freshDatabase, freshPostgres } from './support/databases.js';

for (const backend of backends) {
  describe(`migrations (${backend})`, () => {
    test('a fresh database gets every migration; a re-run applies nothing', async () => {
      const db = await freshDatabase(backend, { migrated: false });
      try {
        const all = (await loadMigrations()).map((m) => m.version);
        const first = await migrate(db);
        assert.deepEqual(first.applied, all);
        const second = await migrate(db);
        assert.deepEqual(second.applied, []);
        assert.deepEqual(second.alreadyApplied, all);
        const rows = await db.query<{ version: string }>('select version from schema_migrations order by version');
        assert.deepEqual(rows.map((r) => r.version), all);
      } finally {
        await db.close();
      }
    });

    test('a failing migration rolls back whole and is not recorded', async () => {
      const db = await freshDatabase(backend, { migrated: false });
      try {
        const bad = [{ version: '900', name: 'broken', checksum: 'x', sql: 'create table half_done (id int); select * from no_such_table;' }];
        await assert.rejects(() => migrate(db, bad));
        const tables = await db.query(`select 1 from information_schema.tables where table_name = 'half_done'`);
        assert.equal(tables.length, 0);
        assert.equal((await db.query(`select 1 from schema_migrations where version = '900'`)).length, 0);
      } finally {
        await db.close();
      }
    });

    test('an applied migration that was edited stops the start', async () => {
      const db = await freshDatabase(backend, { migrated: false });
      try {
        const [first] = await loadMigrations();
        await migrate(db, [first!]);
        await assert.rejects(() => migrate(db, [{ ...first!, sql: `${first!.sql}\n-- edited`, checksum: 'different' }]), /was changed after it was applied/);
      } finally {
        await db.close();
      }
    });

    test('two migrators at once apply each migration exactly once', async () => {
      const db = await freshDatabase(backend, { migrated: false });
      // On PostgreSQL the second migrator is a separate pool, as a second node would be.
      const other = backend === 'postgres' ? await openPostgres((db as unknown as { url: string }).url, 2) : db;
      try {
        const [a, b] = await Promise.all([migrate(db), migrate(other)]);
        const all = (await loadMigrations()).map((m) => m.version);
        assert.deepEqual([...a.applied, ...b.applied].sort(), all);
        assert.equal(a.applied.length === 0 || b.applied.length === 0, true, 'one migrator did all the work while holding the lock');
        const [{ n }] = (await db.query<{ n: string }>('select count(*)::text as n from schema_migrations')) as [{ n: string }];
        assert.equal(Number(n), all.length);
      } finally {
        if (other !== db) await other.close();
        await db.close();
      }
    });
  });
}

if (backends.includes('postgres')) {
  test('the migrated schema is the same on PGlite and PostgreSQL', async () => {
    const pglite = await freshDatabase('pglite');
    const postgres = await freshPostgres();
    const columns = `select table_name, column_name, data_type, is_nullable from information_schema.columns
      where table_schema = 'public' order by table_name, column_name`;
    try {
      assert.deepEqual(await pglite.query(columns), await postgres.query(columns));
    } finally {
      await pglite.close();
      await postgres.close();
    }
  });
}
