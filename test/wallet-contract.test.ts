import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpConnector, type WalletConnector } from '../src/modules/wallet/index.js';
import { AppError } from '../src/platform/http/app-error.js';
import { testApp, testWalletSecret } from './support/app.js';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    return err.code;
  }
  throw new Error('expected a rejection');
}

/** One contract, two implementations: what any wallet backend must do for WalletDesk. */
function contractSuite(name: string, connectorOf: () => WalletConnector, spare: string) {
  describe(`wallet connector contract: ${name}`, () => {
    test('profile: name, masked phone, KYC, status, limits and balances in minor units', async () => {
      const p = await connectorOf().getProfile('demo-alice');
      assert.equal(p.customerId, 'demo-alice');
      assert.equal(p.displayName, '王丽');
      assert.equal(p.maskedPhone, '138****8001');
      assert.equal(p.kycLevel, 2);
      assert.equal(p.status, 'active');
      const cny = p.limits.find((l) => l.currency === 'CNY')!;
      assert.deepEqual([cny.single, cny.daily], [5_000_000, 10_000_000]);
      assert.ok(p.balances.every((b) => Number.isInteger(b.amount) && b.amount >= 0));
      const bob = await connectorOf().getProfile('demo-bob');
      assert.equal(bob.status, 'frozen');
      assert.match(bob.statusReason!, /new device/);
    });

    test('unknown customers and transactions are typed errors', async () => {
      assert.equal(await code(connectorOf().getProfile('no-such-customer')), 'WALLET_CUSTOMER_NOT_FOUND');
      assert.equal(await code(connectorOf().getTransaction('demo-alice', 'PY20990101XXXX')), 'TRANSACTION_NOT_FOUND');
    });

    test('cursor pagination walks every transaction once, newest first', async () => {
      const c = connectorOf();
      const all = await c.listTransactions('demo-alice', { limit: 200 });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await c.listTransactions('demo-alice', { limit: 7, cursor });
        assert.ok(page.items.length <= 7);
        seen.push(...page.items.map((t) => t.reference));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, all.items.map((t) => t.reference));
      const times = all.items.map((t) => t.createdAt);
      assert.deepEqual(times, [...times].sort().reverse());
    });

    test('filters: type, status, time range, amount and counterparty', async () => {
      const c = connectorOf();
      const payments = await c.listTransactions('demo-frank', { type: 'payment', limit: 200 });
      assert.ok(payments.items.length > 0 && payments.items.every((t) => t.type === 'payment'));
      const failed = await c.listTransactions('demo-frank', { status: 'failed', limit: 200 });
      assert.ok(failed.items.length >= 5 && failed.items.every((t) => t.status === 'failed' && t.failureCode));
      const pivot = payments.items[Math.floor(payments.items.length / 2)]!;
      const window = await c.listTransactions('demo-frank', { from: pivot.createdAt, to: new Date(Date.parse(pivot.createdAt) + 1).toISOString(), limit: 200 });
      assert.ok(window.items.some((t) => t.reference === pivot.reference));
      assert.ok(window.items.every((t) => t.createdAt === pivot.createdAt));
      const exact = await c.listTransactions('demo-frank', { minAmount: 26_600, maxAmount: 26_600, limit: 200 });
      assert.ok(exact.items.length >= 1 && exact.items.every((t) => t.amount === 26_600));
      const didi = await c.listTransactions('demo-frank', { counterparty: '滴滴', limit: 200 });
      assert.ok(didi.items.length >= 1 && didi.items.every((t) => t.counterparty!.includes('滴滴')));
    });

    test('one transaction, with the payment a refund refers to', async () => {
      const c = connectorOf();
      const refunds = await c.listTransactions('demo-alice', { type: 'refund', status: 'pending', limit: 5 });
      const refund = refunds.items[0]!;
      assert.deepEqual(await c.getTransaction('demo-alice', refund.reference), refund);
      const payment = await c.getTransaction('demo-alice', refund.relatedReference!);
      assert.equal(payment.type, 'payment');
    });

    test('freeze and unfreeze with a reason; unfreezing an active account is a conflict', async () => {
      const c = connectorOf();
      const actor = { type: 'agent' as const, id: 'agent-1' };
      const frozen = await c.freeze(spare, { reason: 'customer reported a stolen phone', actor });
      assert.deepEqual([frozen.status, frozen.statusReason], ['frozen', 'customer reported a stolen phone']);
      const active = await c.unfreeze(spare, { reason: 'identity verified', actor });
      assert.equal(active.status, 'active');
      assert.equal(await code(c.unfreeze(spare, { reason: 'again', actor })), 'WALLET_STATE_CONFLICT');
    });

    test('refund requests are accepted for a settled payment and refused for a failed one', async () => {
      const c = connectorOf();
      const actor = { type: 'agent' as const, id: 'agent-1' };
      const paid = (await c.listTransactions(spare, { type: 'payment', status: 'succeeded', limit: 1 })).items[0]!;
      const request = await c.requestRefund(spare, paid.reference, { reason: 'charged twice', actor });
      assert.deepEqual([request.reference, request.status, request.reason], [paid.reference, 'requested', 'charged twice']);
      const failed = (await c.listTransactions('demo-frank', { type: 'payment', status: 'failed', limit: 1 })).items[0]!;
      assert.equal(await code(c.requestRefund('demo-frank', failed.reference, { reason: 'x', actor })), 'WALLET_STATE_CONFLICT');
    });

    test('the number to dial is the full phone in E.164 (+86 for mainland mobiles)', async () => {
      assert.deepEqual(await connectorOf().dialNumber('demo-alice'), { phone: '+8613800138001' });
      assert.equal(await code(connectorOf().dialNumber('no-such-customer')), 'WALLET_CUSTOMER_NOT_FOUND');
    });
  });
}

const app = await testApp();
const address = await app.listen();
contractSuite('built-in ledger (in process)', () => app.wallet.connector, 'demo-0010');
contractSuite('HTTP connector over a real connection to /connector/v1', () => httpConnector({ baseUrl: `${address}/connector/v1`, secret: testWalletSecret, timeoutMs: 3000, retries: 1 }), 'demo-0011');

describe('HTTP connector failures', () => {
  test('a wrong secret is refused by the wallet and reported as unavailable, not as a crash', async () => {
    const c = httpConnector({ baseUrl: `${address}/connector/v1`, secret: 'wrong-secret-wrong-secret', timeoutMs: 2000, retries: 0 });
    assert.equal(await code(c.getProfile('demo-alice')), 'WALLET_UNAVAILABLE');
  });

  test('an unreachable wallet is WALLET_UNAVAILABLE after the read retries; writes are sent once', async () => {
    let hits = 0;
    const silent = createServer((req) => {
      hits += 1;
      req.socket.destroy();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const c = httpConnector({ baseUrl: base, secret: testWalletSecret, timeoutMs: 500, retries: 2 });
      assert.equal(await code(c.getProfile('demo-alice')), 'WALLET_UNAVAILABLE');
      assert.equal(hits, 3, 'a read is tried once and retried twice');
      hits = 0;
      assert.equal(await code(c.freeze('demo-alice', { reason: 'x', actor: { type: 'system', id: null } })), 'WALLET_UNAVAILABLE');
      assert.equal(hits, 1, 'a write is never retried');
    } finally {
      silent.close();
    }
  });

  test('a wallet that answers too slowly times out', async () => {
    const slow = createServer((_req, res) => setTimeout(() => res.end('{}'), 1_500));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const c = httpConnector({ baseUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, secret: testWalletSecret, timeoutMs: 200, retries: 0 });
      const started = Date.now();
      assert.equal(await code(c.getProfile('demo-alice')), 'WALLET_UNAVAILABLE');
      assert.ok(Date.now() - started < 1_400, 'gave up at the timeout rather than waiting for the answer');
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });

  test('an answer that breaks the contract is refused rather than passed on', async () => {
    const liar = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ customerId: 'x', balances: [{ amount: 1.5, currency: 'CNY' }] }));
    });
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r));
    try {
      const c = httpConnector({ baseUrl: `http://127.0.0.1:${(liar.address() as AddressInfo).port}`, secret: testWalletSecret, timeoutMs: 1000, retries: 0 });
      assert.equal(await code(c.getProfile('x')), 'WALLET_UNAVAILABLE');
    } finally {
      liar.close();
    }
  });
});
