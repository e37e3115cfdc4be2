import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { types } from '@electric-sql/pglite';
import { isUniqueViolation } from './errors.js';
import { openPglite } from './pglite-database.js';
import { PGliteThread } from './pglite-thread.js';
import type { Database } from './database.js';

describe('the embedded database on its own thread', () => {
  let dir: string;
  let db: Database;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wd-pglite-thread-'));
    db = await openPglite(dir);
    await db.query('create table items (id int primary key, label text not null, at timestamptz, doc jsonb, blob bytea, big int8)');
  });
  after(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('values cross the thread with their types, and drizzle reads dates as text', async () => {
    const at = new Date('2026-11-26T01:02:03.456Z');
    await db.query('insert into items values ($1, $2, $3, $4, $5, $6)', [1, 'one', at, { a: [1, 'x'] }, new Uint8Array([0, 255]), 9007199254740993n]);
    const [row] = await db.query<{ at: Date; doc: unknown; blob: Uint8Array; big: unknown }>('select at, doc, blob, big from items where id = 1');
    assert.deepEqual(row!.at, at);
    assert.deepEqual(row!.doc, { a: [1, 'x'] });
    assert.deepEqual([...row!.blob], [0, 255]);
    assert.equal(row!.big, 9007199254740993n);
    const [viaOrm] = ((await db.orm.execute('select at from items where id = 1')) as unknown as { rows: { at: unknown }[] }).rows;
    assert.equal(typeof viaOrm!.at, 'string', 'drizzle asks for timestamps as PostgreSQL text');
  });

  test('a failed statement rejects with PostgreSQL fields and the caller in its stack', async () => {
    await db.query("insert into items (id, label) values (2, 'two')");
    const err = await db.query("insert into items (id, label) values (2, 'again')").catch((e: unknown) => e as Error & { code?: string; constraint?: string });
    assert.ok(err instanceof Error);
    assert.ok(isUniqueViolation(err));
    assert.equal(err.constraint, 'items_pkey');
    assert.match(err.stack ?? '', /pglite-thread\.test\.ts/);
  });

  test('a transaction commits, rolls back on a throw, and holds other statements until it ends', async () => {
    await db.withSession((s) => s.transaction(async (tx) => tx.query("insert into items (id, label) values (3, 'three')")));
    await assert.rejects(
      db.withSession((s) =>
        s.transaction(async (tx) => {
          await tx.query("insert into items (id, label) values (4, 'four')");
          throw new Error('changed my mind');
        }),
      ),
      /changed my mind/,
    );
    const order: string[] = [];
    let outside: Promise<unknown> = Promise.resolve();
    await db.withSession((s) =>
      s.transaction(async (tx) => {
        await tx.query("insert into items (id, label) values (5, 'five')");
        outside = db.query('select count(*)::int as n from items where id = 5').then((rows) => order.push(`outside saw ${(rows[0] as { n: number }).n}`));
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push('commit');
      }),
    );
    await outside;
    assert.deepEqual(order, ['commit', 'outside saw 1']);
    const ids = await db.query<{ id: number }>('select id from items order by id');
    assert.deepEqual(ids.map((r) => r.id), [1, 2, 3, 5]);
  });

  test('the event loop keeps running while a long statement runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    await db.query('select count(*) from generate_series(1, 3000000) a join generate_series(1, 1) b on true');
    const took = performance.now() - started;
    clearInterval(timer);
    assert.ok(took > 50, `the statement should take a while (took ${took.toFixed(0)} ms)`);
    assert.ok(ticks >= 2, `timers fired ${ticks} times during ${took.toFixed(0)} ms of SQL`);
  });

  test('options that cannot cross a thread are refused by name', async () => {
    const thread = await PGliteThread.open('memory://');
    try {
      await assert.rejects(async () => thread.query('select 1', [], { onNotice: () => undefined }), /onNotice/);
      await assert.rejects(async () => thread.query('select now()', [], { parsers: { [types.TIMESTAMPTZ]: () => 'changed' } }), /keep the text/);
    } finally {
      await thread.close();
    }
    assert.equal(thread.closed, true);
    await assert.rejects(thread.query('select 1'), /closed/);
  });

  test('what was written is there after the thread closes and a new one opens the folder', async () => {
    await db.close();
    db = await openPglite(dir);
    const rows = await db.query<{ label: string }>('select label from items order by id');
    assert.deepEqual(rows.map((r) => r.label), ['one', 'two', 'three', 'five']);
  });
});
