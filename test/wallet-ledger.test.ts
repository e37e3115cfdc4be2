import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../src/platform/http/app-error.js';
import { backends, noticeSkippedBackends } from './support/databases.js';
import { freshLedger, key } from './support/wallet.js';

noticeSkippedBackends();

const minute = 60_000;
const hour = 60 * minute;

function rejectsWith(code: string) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, `expected AppError ${code}, got ${String(err)}`);
    assert.equal(err.code, code);
    return true;
  };
}

for (const backend of backends) {
  describe(`built-in ledger operations (${backend})`, async () => {
    const { ledger, connector, store, clock } = await freshLedger(backend);
    await ledger.createCustomer({ externalId: 'ann', displayName: 'Ann', phone: '13900001111', kycLevel: 1 });
    await ledger.createCustomer({ externalId: 'ben', displayName: 'Ben', phone: '13900002222', kycLevel: 2 });
    await ledger.createCustomer({ externalId: 'cat', displayName: 'Cat', phone: '13900003333', kycLevel: 1 });

    const balance = async (customerId: string, currency = 'CNY') => (await connector.getProfile(customerId)).balances.find((b) => b.currency === currency)?.amount ?? 0;
    async function fund(customerId: string, amount: number) {
      const tx = await ledger.topUp({ customerId, idempotencyKey: key('fund'), amount, currency: 'CNY', channel: 'bank_card' });
      await ledger.settle(customerId, tx.reference);
    }

    test('a card top-up waits for its channel, then settles into the balance', async () => {
      const tx = await ledger.topUp({ customerId: 'ann', idempotencyKey: key(), amount: 10_000, currency: 'CNY', channel: 'bank_card' });
      assert.equal(tx.status, 'pending');
      assert.equal(tx.expectedSettlementAt!.getTime() - tx.createdAt.getTime(), 30 * minute);
      assert.equal(await balance('ann'), 0);
      const settled = await ledger.settle('ann', tx.reference);
      assert.equal(settled.status, 'succeeded');
      assert.equal(await balance('ann'), 10_000);
      await assert.rejects(ledger.settle('ann', tx.reference), rejectsWith('WALLET_STATE_CONFLICT'));
    });

    test('the same idempotency key returns the same transaction; reused for something else it is refused', async () => {
      const k = key();
      const first = await ledger.pay({ customerId: 'ann', idempotencyKey: k, amount: 1_000, currency: 'CNY', merchant: '星巴克', channel: 'balance' });
      const again = await ledger.pay({ customerId: 'ann', idempotencyKey: k, amount: 1_000, currency: 'CNY', merchant: '星巴克', channel: 'balance' });
      assert.equal(again.reference, first.reference);
      assert.equal(await balance('ann'), 9_000, 'charged once');
      await assert.rejects(ledger.pay({ customerId: 'ann', idempotencyKey: k, amount: 2_000, currency: 'CNY', merchant: '星巴克', channel: 'balance' }), rejectsWith('IDEMPOTENCY_KEY_REUSED'));
    });

    test('concurrent retries with one key store one transaction', async () => {
      const k = key();
      const results = await Promise.all(Array.from({ length: 4 }, () => ledger.pay({ customerId: 'ann', idempotencyKey: k, amount: 500, currency: 'CNY', merchant: '盒马鲜生', channel: 'balance' })));
      assert.equal(new Set(results.map((r) => r.reference)).size, 1);
      assert.equal(await balance('ann'), 8_500);
    });

    test('refusals are recorded with their cause and move no money', async () => {
      const before = await balance('ann');
      const poor = await ledger.pay({ customerId: 'ann', idempotencyKey: key(), amount: before + 1, currency: 'CNY', merchant: '京东商城', channel: 'balance' });
      assert.deepEqual([poor.status, poor.failureCode], ['failed', 'INSUFFICIENT_BALANCE']);
      const pin = await ledger.pay({ customerId: 'ann', idempotencyKey: key(), amount: 100, currency: 'CNY', merchant: '京东商城', channel: 'balance', pinVerified: false });
      assert.deepEqual([pin.status, pin.failureCode], ['failed', 'WRONG_PAYMENT_PASSWORD']);
      const nobody = await ledger.transfer({ customerId: 'ann', idempotencyKey: key(), amount: 100, currency: 'CNY', recipientId: 'nobody' });
      assert.deepEqual([nobody.status, nobody.failureCode], ['failed', 'RECIPIENT_ACCOUNT_INVALID']);
      const self = await ledger.transfer({ customerId: 'ann', idempotencyKey: key(), amount: 100, currency: 'CNY', recipientId: 'ann' });
      assert.equal(self.failureCode, 'RECIPIENT_ACCOUNT_INVALID');
      assert.equal(await balance('ann'), before);
      const listed = await connector.listTransactions('ann', { status: 'failed', limit: 10 });
      assert.ok(listed.items.some((t) => t.reference === poor.reference && t.failureCode === 'INSUFFICIENT_BALANCE'));
    });

    test('single and daily limits follow the KYC level and reset at midnight China time', async () => {
      await fund('cat', 1_500_000);
      // KYC 1, CNY: ¥5,000 a time, ¥10,000 a day.
      const tooBig = await ledger.pay({ customerId: 'cat', idempotencyKey: key(), amount: 500_001, currency: 'CNY', merchant: '携程旅行', channel: 'balance' });
      assert.equal(tooBig.failureCode, 'SINGLE_LIMIT_EXCEEDED');
      clock.set(new Date('2026-11-20T15:00:00Z')); // 23:00 in Shanghai
      for (let i = 0; i < 2; i++) assert.equal((await ledger.pay({ customerId: 'cat', idempotencyKey: key(), amount: 450_000, currency: 'CNY', merchant: '携程旅行', channel: 'balance' })).status, 'succeeded');
      const overDaily = await ledger.pay({ customerId: 'cat', idempotencyKey: key(), amount: 200_000, currency: 'CNY', merchant: '携程旅行', channel: 'balance' });
      assert.equal(overDaily.failureCode, 'DAILY_LIMIT_EXCEEDED');
      const profile = await connector.getProfile('cat');
      assert.equal(profile.limits.find((l) => l.currency === 'CNY')!.usedToday, 900_000, 'failed attempts do not count');
      clock.advance(1 * hour + minute); // 00:01 the next day in Shanghai
      assert.equal((await ledger.pay({ customerId: 'cat', idempotencyKey: key(), amount: 200_000, currency: 'CNY', merchant: '携程旅行', channel: 'balance' })).status, 'succeeded');
    });

    test('a frozen account can receive a refund but cannot pay; unfreezing restores it', async () => {
      await fund('ben', 50_000);
      const paid = await ledger.pay({ customerId: 'ben', idempotencyKey: key(), amount: 20_000, currency: 'CNY', merchant: 'Uniqlo', channel: 'balance' });
      const frozen = await connector.freeze('ben', { reason: 'suspicious sign-in', actor: { type: 'agent', id: 'a1' } });
      assert.deepEqual([frozen.status, frozen.statusReason], ['frozen', 'suspicious sign-in']);
      const refused = await ledger.pay({ customerId: 'ben', idempotencyKey: key(), amount: 100, currency: 'CNY', merchant: 'Uniqlo', channel: 'balance' });
      assert.equal(refused.failureCode, 'ACCOUNT_FROZEN');
      const refund = await ledger.refund({ customerId: 'ben', idempotencyKey: key(), paymentReference: paid.reference, amount: 5_000 });
      assert.equal(refund.status, 'succeeded', 'a refund to the balance is instant');
      assert.equal(await balance('ben'), 35_000);
      await connector.unfreeze('ben', { reason: 'verified by phone', actor: { type: 'agent', id: 's1' } });
      assert.equal((await ledger.pay({ customerId: 'ben', idempotencyKey: key(), amount: 100, currency: 'CNY', merchant: 'Uniqlo', channel: 'balance' })).status, 'succeeded');
    });

    test('refunds never exceed the payment, and refer back to it', async () => {
      const paid = await ledger.pay({ customerId: 'ben', idempotencyKey: key(), amount: 10_000, currency: 'CNY', merchant: '美团外卖', channel: 'balance' });
      const first = await ledger.refund({ customerId: 'ben', idempotencyKey: key(), paymentReference: paid.reference, amount: 6_000 });
      await assert.rejects(ledger.refund({ customerId: 'ben', idempotencyKey: key(), paymentReference: paid.reference, amount: 4_001 }), rejectsWith('REFUND_EXCEEDS_PAYMENT'));
      const rest = await ledger.refund({ customerId: 'ben', idempotencyKey: key(), paymentReference: paid.reference });
      assert.equal(rest.amount, 4_000, 'without an amount, the rest is refunded');
      const view = await connector.getTransaction('ben', first.reference);
      assert.equal(view.relatedReference, paid.reference);
    });

    test('a card payment waits for the bank and can fail with the channel cause; a card refund takes days', async () => {
      const processing = await ledger.pay({ customerId: 'ben', idempotencyKey: key(), amount: 3_000, currency: 'CNY', merchant: '滴滴出行', channel: 'bank_card' });
      assert.equal(processing.status, 'processing');
      const failed = await ledger.fail('ben', processing.reference, 'CHANNEL_TIMEOUT');
      assert.deepEqual([failed.status, failed.failureCode], ['failed', 'CHANNEL_TIMEOUT']);
      const ok = await ledger.pay({ customerId: 'ben', idempotencyKey: key(), amount: 3_000, currency: 'CNY', merchant: '滴滴出行', channel: 'bank_card' });
      await ledger.settle('ben', ok.reference);
      const refund = await ledger.refund({ customerId: 'ben', idempotencyKey: key(), paymentReference: ok.reference });
      assert.equal(refund.status, 'pending');
      assert.ok(refund.expectedSettlementAt!.getTime() - refund.createdAt.getTime() >= 3 * 24 * hour);
    });

    test('transfers move money at once, or wait for a risk review with the money held', async () => {
      await fund('ben', 5_000_000);
      const before = await balance('cat');
      const small = await ledger.transfer({ customerId: 'ben', idempotencyKey: key(), amount: 1_000, currency: 'CNY', recipientId: 'cat' });
      assert.equal(small.status, 'succeeded');
      assert.equal(await balance('cat'), before + 1_000);
      // KYC 2: single limit ¥50,000; from half of it a transfer is reviewed.
      const benBefore = await balance('ben');
      const big = await ledger.transfer({ customerId: 'ben', idempotencyKey: key(), amount: 2_500_000, currency: 'CNY', recipientId: 'cat' });
      assert.deepEqual([big.status, big.pendingReason], ['pending', 'RISK_REVIEW']);
      assert.equal(await balance('ben'), benBefore - 2_500_000, 'held');
      const rejected = await ledger.fail('ben', big.reference, 'RISK_REVIEW');
      assert.equal(rejected.failureCode, 'RISK_REVIEW');
      assert.equal(await balance('ben'), benBefore, 'returned');
      const big2 = await ledger.transfer({ customerId: 'ben', idempotencyKey: key(), amount: 2_500_000, currency: 'CNY', recipientId: 'cat' });
      await ledger.settle('ben', big2.reference);
      assert.equal(await balance('cat'), before + 1_000 + 2_500_000);
    });

    test('a withdrawal leaves the balance at once and comes back if the bank fails it', async () => {
      const before = await balance('cat');
      const w = await ledger.withdraw({ customerId: 'cat', idempotencyKey: key(), amount: 10_000, currency: 'CNY', channel: 'bank_card' });
      assert.equal(w.status, 'pending');
      assert.equal(await balance('cat'), before - 10_000);
      await ledger.fail('cat', w.reference, 'RECIPIENT_ACCOUNT_INVALID');
      assert.equal(await balance('cat'), before);
    });

    test('a channel under maintenance refuses new transactions', async () => {
      await store.setChannelStatus('unionpay', 'maintenance', new Date(clock.now().getTime() + hour));
      const tx = await ledger.topUp({ customerId: 'cat', idempotencyKey: key(), amount: 100, currency: 'CNY', channel: 'unionpay' });
      assert.equal(tx.failureCode, 'CHANNEL_MAINTENANCE');
      await store.setChannelStatus('unionpay', 'up', null);
    });

    test('a settled top-up can be reversed only while the balance covers it', async () => {
      const tx = await ledger.topUp({ customerId: 'ann', idempotencyKey: key(), amount: 7_000, currency: 'CNY', channel: 'bank_card' });
      await ledger.settle('ann', tx.reference);
      const before = await balance('ann');
      assert.equal((await ledger.reverse('ann', tx.reference)).status, 'reversed');
      assert.equal(await balance('ann'), before - 7_000);
      const big = await ledger.topUp({ customerId: 'ann', idempotencyKey: key(), amount: 5_000, currency: 'CNY', channel: 'bank_card' });
      await ledger.settle('ann', big.reference);
      await ledger.pay({ customerId: 'ann', idempotencyKey: key(), amount: await balance('ann'), currency: 'CNY', merchant: '星巴克', channel: 'balance' });
      await assert.rejects(ledger.reverse('ann', big.reference), rejectsWith('INSUFFICIENT_BALANCE_FOR_REVERSAL'));
    });

    test('bad input is refused with a clear code and changes nothing', async () => {
      await assert.rejects(ledger.pay({ customerId: 'ann', idempotencyKey: key(), amount: 10.5, currency: 'CNY', merchant: 'x', channel: 'balance' }), rejectsWith('VALIDATION_FAILED'));
      await assert.rejects(ledger.pay({ customerId: 'ann', idempotencyKey: key(), amount: -5, currency: 'CNY', merchant: 'x', channel: 'balance' }), rejectsWith('VALIDATION_FAILED'));
      await assert.rejects(ledger.pay({ customerId: 'ann', idempotencyKey: key(), amount: 5, currency: 'EUR', merchant: 'x', channel: 'balance' }), rejectsWith('UNSUPPORTED_CURRENCY'));
      await assert.rejects(ledger.pay({ customerId: 'ann', idempotencyKey: key(), amount: 5, currency: 'CNY', merchant: 'x', channel: 'pigeon' }), rejectsWith('UNKNOWN_CHANNEL'));
      await assert.rejects(ledger.pay({ customerId: 'zed', idempotencyKey: key(), amount: 5, currency: 'CNY', merchant: 'x', channel: 'balance' }), rejectsWith('WALLET_CUSTOMER_NOT_FOUND'));
      await assert.rejects(ledger.settle('ann', 'TU20260101NOPE'), rejectsWith('TRANSACTION_NOT_FOUND'));
    });

    test('after all of the above the books balance and no customer is below zero', async () => {
      assert.deepEqual(await store.invariantViolations(), { unbalanced: 0, negative: 0, drifted: 0 });
    });
  });
}
