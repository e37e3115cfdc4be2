import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshPglite } from './support/databases.js';

function tableFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tableFiles(path, out);
    else if (entry.name.endsWith('.tables.ts')) out.push(path);
  }
  return out;
}

test('every drizzle table and column exists in the migrated database with the same nullability', async () => {
  const db = await freshPglite();
  try {
    const rows = await db.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'`,
    );
    const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === 'YES']));
    let checked = 0;
    for (const file of tableFiles('src/modules')) {
      for (const value of Object.values(await import(pathToFileURL(file).href))) {
        if (!is(value, PgTable)) continue;
        const table = getTableName(value);
        for (const column of Object.values(getTableColumns(value))) {
          const key = `${table}.${column.name}`;
          assert.ok(actual.has(key), `${file}: ${key} is not in any migration`);
          assert.equal(actual.get(key), !column.notNull, `${file}: ${key} nullability differs from the migration`);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 20, `only ${checked} columns found`);
  } finally {
    await db.close();
  }
});
