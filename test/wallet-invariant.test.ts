import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../src/platform/http/app-error.js';
import { backends } from './support/databases.js';
import { freshLedger, key } from './support/wallet.js';

const customers = ['p1', 'p2', 'p3', 'p4'];
const customerArb = fc.constantFrom(...customers);
const amountArb = fc.integer({ min: 1, max: 400_000 });

/** Everything a wallet does to money, in random mixes; `then` is what the bank does next. */
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('topUp' as const), who: customerArb, amount: amountArb, then: fc.constantFrom('settle', 'fail', 'reverse', 'none') }),
  fc.record({ kind: fc.constant('pay' as const), who: customerArb, amount: amountArb, card: fc.boolean(), then: fc.constantFrom('settle', 'fail', 'none') }),
  fc.record({ kind: fc.constant('transfer' as const), who: customerArb, to: customerArb, amount: amountArb, then: fc.constantFrom('settle', 'fail', 'none') }),
  fc.record({ kind: fc.constant('withdraw' as const), who: customerArb, amount: amountArb, then: fc.constantFrom('settle', 'fail', 'none') }),
  fc.record({ kind: fc.constant('refund' as const), who: customerArb, amount: fc.option(amountArb, { nil: undefined }) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** Refusals a random mix legitimately meets; anything else is a bug. */
const expected = new Set(['REFUND_EXCEEDS_PAYMENT', 'WALLET_STATE_CONFLICT', 'INSUFFICIENT_BALANCE_FOR_REVERSAL', 'TRANSACTION_NOT_FOUND']);

for (const backend of backends) {
  describe(`ledger invariant under random concurrent operations (${backend})`, async () => {
    const { ledger, store } = await freshLedger(backend);
    for (const id of customers) await ledger.createCustomer({ externalId: id, displayName: id, phone: '13700000000', kycLevel: 3 });
    const payments = new Map<string, string[]>(customers.map((c) => [c, []]));

    async function run(op: Op): Promise<void> {
      const common = { customerId: op.who, idempotencyKey: key(op.kind), currency: 'CNY' };
      let tx;
      if (op.kind === 'refund') {
        const refs = payments.get(op.who)!;
        if (!refs.length) return;
        tx = await ledger.refund({ ...common, paymentReference: refs[refs.length - 1]!, amount: op.amount });
      } else if (op.kind === 'topUp') tx = await ledger.topUp({ ...common, amount: op.amount, channel: 'bank_card' });
      else if (op.kind === 'pay') tx = await ledger.pay({ ...common, amount: op.amount, merchant: 'shop', channel: op.card ? 'bank_card' : 'balance' });
      else if (op.kind === 'transfer') tx = await ledger.transfer({ ...common, amount: op.amount, recipientId: op.to });
      else tx = await ledger.withdraw({ ...common, amount: op.amount, channel: 'bank_card' });
      if (tx.type === 'payment' && tx.status !== 'failed') payments.get(op.who)!.push(tx.reference);
      const then = 'then' in op ? op.then : 'settle';
      if (then === 'none' || tx.status === 'failed' || tx.status === 'reversed') return;
      if (tx.status === 'pending' || tx.status === 'processing') {
        if (then === 'fail') await ledger.fail(op.who, tx.reference, 'NETWORK_ERROR');
        else await ledger.settle(op.who, tx.reference);
      }
      if (then === 'reverse') await ledger.reverse(op.who, tx.reference);
    }

    test('postings sum to zero per currency and no balance goes negative, whatever runs at once', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 24 }), async (ops) => {
          const results = await Promise.allSettled(ops.map(run));
          for (const r of results) {
            if (r.status === 'fulfilled') continue;
            if (!(r.reason instanceof AppError) || !expected.has(r.reason.code)) throw r.reason;
          }
          assert.deepEqual(await store.invariantViolations(), { unbalanced: 0, negative: 0, drifted: 0 });
        }),
        { numRuns: backend === 'pglite' ? 25 : 40 },
      );
    });
  });
}
