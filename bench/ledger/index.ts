// Built-in ledger throughput and diagnosis latency, on PGlite and (when TEST_DATABASE_URL is set)
// on PostgreSQL.
// - transfers/s with 8 concurrent workers, then the invariant is checked; in the same run, one
//   worker, and the floor: a bare transaction doing the two balance updates and three inserts any
//   double-entry transfer needs, with none of the ledger's checks.
// - diagnosis p50/p99 for customers with 10,000 transactions each, and for customers with 100 as
//   the baseline (the figure should not grow with history).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { diagnosticsService } from '../../src/modules/wallet/diagnostics.service.js';
import type { DiagnosisTopic } from '../../src/modules/wallet/diagnosis.js';
import { builtinConnector } from '../../src/modules/wallet/builtin.connector.js';
import { ledgerService } from '../../src/modules/wallet/ledger.service.js';
import { ledgerStore } from '../../src/modules/wallet/ledger.store.js';
import type { Database } from '../../src/platform/db/database.js';
import { freshDatabase, postgresUrl, type Backend } from '../../test/support/databases.js';
import { percentile, report } from '../support/report.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const historySize = Number(process.env.BENCH_HISTORY ?? 10_000);
const customersCount = 64;

async function transfers(db: Database, backend: Backend) {
  const store = ledgerStore(db.orm);
  const ledger = ledgerService({ store });
  const ids = Array.from({ length: customersCount }, (_, i) => `bench-${i}`);
  for (const id of ids) {
    await ledger.createCustomer({ externalId: id, displayName: id, phone: '13600000000', kycLevel: 3 });
    const t = await ledger.topUp({ customerId: id, idempotencyKey: `fund-${id}`, amount: 100_000_000, currency: 'CNY', channel: 'bank_card' });
    await ledger.settle(id, t.reference);
  }

  async function run(workers: number): Promise<{ perSecond: number; count: number }> {
    let count = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (performance.now() < until) {
          const from = ids[Math.floor(Math.random() * ids.length)]!;
          let to = ids[Math.floor(Math.random() * ids.length)]!;
          if (to === from) to = ids[(ids.indexOf(from) + 1) % ids.length]!;
          const tx = await ledger.transfer({ customerId: from, idempotencyKey: randomBytes(8).toString('hex'), amount: 100 + Math.floor(Math.random() * 10_000), currency: 'CNY', recipientId: to });
          if (tx.status !== 'succeeded') throw new Error(`transfer ${tx.status} ${tx.failureCode}`);
          count += 1;
        }
      }),
    );
    return { perSecond: Math.round(count / seconds), count };
  }

  /** The least any double-entry transfer does: one transaction, two balance updates, three inserts. */
  async function floor(workers: number): Promise<number> {
    const accounts = await db.query<{ id: string }>('select id from wallet_accounts where customer_id is not null');
    const [customer] = await db.query<{ id: string }>('select id from wallet_customers limit 1');
    let count = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (performance.now() < until) {
          // In id order, as the ledger locks, or two floors deadlock each other.
          const [a, b] = [accounts[Math.floor(Math.random() * accounts.length)]!.id, accounts[Math.floor(Math.random() * accounts.length)]!.id].sort() as [string, string];
          await db.orm.transaction(async (tx) => {
            const id = uuidv7();
            await tx.execute(sql`update wallet_accounts set balance = balance - 1 where id = ${a}`);
            await tx.execute(sql`update wallet_accounts set balance = balance + 1 where id = ${b}`);
            await tx.execute(sql`insert into wallet_transactions (id, reference, customer_id, type, status, amount, currency, idempotency_key) values (${id}, ${id}, ${customer!.id}, 'transfer', 'succeeded', 1, 'CNY', ${id})`);
            await tx.execute(sql`insert into wallet_postings (id, transaction_id, account_id, amount, currency) values (${uuidv7()}, ${id}, ${a}, -1, 'CNY'), (${uuidv7()}, ${id}, ${b}, 1, 'CNY')`);
          });
          count += 1;
        }
      }),
    );
    return Math.round(count / seconds);
  }

  const eight = await run(8);
  const violationsAfter8 = await store.invariantViolations();
  const one = await run(1);
  const violations = await store.invariantViolations();
  const floor8 = await floor(8);
  report('ledger', {
    backend,
    figure: 'transfers_per_second',
    workers8: eight.perSecond,
    workers1: one.perSecond,
    bareTransactionFloor8: floor8,
    ratioToFloor: Number((eight.perSecond / floor8).toFixed(2)),
    transfers: eight.count + one.count,
    invariantOk: [violationsAfter8, violations].every((v) => v.unbalanced === 0 && v.negative === 0 && v.drifted === 0),
    seconds,
  });
}

async function diagnosisLatency(db: Database, backend: Backend, size: number, label: string) {
  const store = ledgerStore(db.orm);
  const connector = builtinConnector({ store });
  const diagnostics = diagnosticsService({ connector });
  const customers = 3;
  const start = Date.now() - 90 * 86_400_000;
  const types = ['payment', 'payment', 'payment', 'top_up', 'transfer', 'refund', 'withdrawal'] as const;
  for (let c = 0; c < customers; c++) {
    const customerId = uuidv7();
    await store.insertCustomers([{ id: customerId, externalId: `${label}-${c}`, displayName: `c${c}`, phone: '13500000000', kycLevel: 2 }]);
    const rows = Array.from({ length: size }, (_, i) => {
      const at = new Date(start + Math.floor((i / size) * 90 * 86_400_000));
      const type = types[i % types.length]!;
      const failed = i % 17 === 0;
      return {
        id: uuidv7(),
        reference: `${label}${c}-${i}`,
        customerId,
        type,
        status: failed ? 'failed' : 'succeeded',
        amount: 100 + (i % 5000),
        currency: 'CNY',
        channel: 'balance',
        counterparty: `merchant-${i % 40}`,
        failureCode: failed ? 'NETWORK_ERROR' : null,
        idempotencyKey: `k${i}`,
        createdAt: at,
        updatedAt: at,
        completedAt: at,
      };
    });
    await store.insertTransactions(rows);
  }
  const topics: DiagnosisTopic[] = ['payment_failed', 'top_up_missing', 'transfer_pending', 'refund_status', 'latest_problem', 'limit'];
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const started = performance.now();
    await diagnostics.diagnose(`${label}-${i % customers}`, { topic: topics[i % topics.length]!, ...(i % 3 === 0 ? { amount: 100 + (i % 5000) } : {}) });
    if (i >= 20) samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  report('ledger', { backend, figure: 'diagnosis_ms', transactionsPerCustomer: size, p50: Number(percentile(samples, 50).toFixed(2)), p99: Number(percentile(samples, 99).toFixed(2)), samples: samples.length });
}

const backendsToRun: Backend[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
if (!postgresUrl) process.stderr.write('TEST_DATABASE_URL not set: PostgreSQL figures skipped\n');
for (const backend of backendsToRun) {
  const db = await freshDatabase(backend);
  try {
    await transfers(db, backend);
    await diagnosisLatency(db, backend, 100, 'small');
    await diagnosisLatency(db, backend, historySize, 'large');
  } finally {
    await db.close();
  }
}
