import { after } from 'node:test';
import type { Database } from '../../src/platform/db/database.js';
import { builtinConnector } from '../../src/modules/wallet/builtin.connector.js';
import { ledgerService } from '../../src/modules/wallet/ledger.service.js';
import { ledgerStore } from '../../src/modules/wallet/ledger.store.js';
import { freshDatabase, type Backend } from './databases.js';

/** A settable clock: ledger rules depend on the business day and on settlement times. */
export function testClock(start = new Date('2026-11-20T04:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(at: Date) {
      now = at.getTime();
    },
  };
}

/** The built-in ledger alone, on a fresh migrated database without demo data. */
export async function freshLedger(backend: Backend, clock = testClock()) {
  const db: Database = await freshDatabase(backend);
  after(() => db.close());
  const store = ledgerStore(db.orm);
  return { db, store, clock, ledger: ledgerService({ store, clock: clock.now }), connector: builtinConnector({ store, clock: clock.now }) };
}

let counter = 0;
/** A fresh idempotency key. */
export const key = (label = 'op') => `${label}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
