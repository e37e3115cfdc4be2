import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoIdentities, failureCodes } from '../src/modules/wallet/index.js';
import { signIn, testApp } from './support/app.js';

describe('wallet for agents: profile, transactions, diagnosis, account actions', async () => {
  const app = await testApp();
  const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const get = (url: string, headers: Record<string, string> = agent.headers) => app.http.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: object, headers: Record<string, string> = agent.headers) => app.http.inject({ method: 'POST', url, headers, payload });
  const audit = async (action: string, targetId: string) =>
    (await get(`/api/v1/audit-events?action=${action}&targetType=wallet_customer&targetId=${targetId}`, admin.headers)).json().items as { actorId: string; details: Record<string, unknown> }[];

  test('every read of a customer\'s wallet is audited with who read it', async () => {
    const me = (await get('/api/v1/me')).json().agent.id;
    const profile = await get('/api/v1/customers/demo-alice/wallet');
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().maskedPhone, '138****8001');
    const list = await get('/api/v1/customers/demo-alice/transactions?type=payment&limit=5');
    assert.equal(list.statusCode, 200);
    const one = await get(`/api/v1/customers/demo-alice/transactions/${list.json().items[0].reference}`);
    assert.equal(one.statusCode, 200);
    for (const action of ['wallet.profile_viewed', 'wallet.transactions_viewed', 'wallet.transaction_viewed']) {
      const events = await audit(action, 'demo-alice');
      assert.ok(events.some((e) => e.actorId === me), `${action} was not audited`);
    }
  });

  test('the demo identities tell the stories the README promises', async () => {
    const expectations: [string, string, string][] = [
      ['demo-alice', 'payment_failed', 'INSUFFICIENT_BALANCE'],
      ['demo-alice', 'top_up_missing', 'TOP_UP_PENDING'],
      ['demo-alice', 'refund_status', 'REFUND_PENDING'],
      ['demo-bob', 'account_status', 'ACCOUNT_STATUS_FROZEN'],
      ['demo-bob', 'transfer_pending', 'ACCOUNT_FROZEN'],
      ['demo-chen', 'top_up_missing', 'TOP_UP_OVERDUE'],
      ['demo-chen', 'payment_failed', 'WRONG_PAYMENT_PASSWORD'],
      ['demo-dana', 'transfer_pending', 'TRANSFER_RISK_REVIEW'],
      ['demo-dana', 'withdrawal_pending', 'WITHDRAWAL_PENDING'],
      ['demo-eve', 'account_status', 'ACCOUNT_STATUS_LOCKED'],
      ['demo-eve', 'payment_failed', 'DAILY_LIMIT_EXCEEDED'],
      ['demo-frank', 'payment_failed', 'PAYMENT_PROCESSING'],
      ['demo-frank', 'transfer_pending', 'RISK_REVIEW'],
      ['demo-frank', 'top_up_missing', 'TOP_UP_REVERSED'],
    ];
    for (const [customer, topic, cause] of expectations) {
      const res = await get(`/api/v1/customers/${customer}/diagnosis?topic=${topic}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().cause, cause, `${customer} ${topic}`);
      assert.ok(res.json().explanation['zh-CN'] && res.json().explanation.en);
    }
    const limit = (await get('/api/v1/customers/demo-chen/diagnosis?topic=limit&amount=6000000')).json();
    assert.equal(limit.cause, 'LIMIT_SINGLE');
    assert.ok((await audit('wallet.diagnosed', 'demo-chen')).length >= 3);
  });

  test('the demo ledger: 50+ customers, three currencies, every failure code, every pending case, books balanced', async () => {
    const [customers] = await app.db.query<{ n: number }>("select count(*)::int as n from wallet_customers where external_id like 'demo-%'");
    assert.ok(customers!.n >= 50);
    const currencies = (await app.db.query<{ currency: string }>('select distinct currency from wallet_accounts where customer_id is not null')).map((r) => r.currency).sort();
    assert.deepEqual(currencies, ['CNY', 'HKD', 'USD']);
    const codes = new Set((await app.db.query<{ failure_code: string }>('select distinct failure_code from wallet_transactions where failure_code is not null')).map((r) => r.failure_code));
    for (const code of failureCodes) assert.ok(codes.has(code), `no demo transaction fails with ${code}`);
    const waiting = new Set((await app.db.query<{ k: string }>("select distinct type || ':' || status as k from wallet_transactions where status in ('pending', 'processing')")).map((r) => r.k));
    for (const k of ['top_up:pending', 'transfer:pending', 'refund:pending', 'withdrawal:pending', 'payment:processing']) assert.ok(waiting.has(k), `no demo ${k}`);
    const [span] = await app.db.query<{ months: number }>('select extract(day from max(created_at) - min(created_at))::int / 30 as months from wallet_transactions');
    assert.ok(span!.months >= 3);
    assert.deepEqual(await app.wallet.invariantViolations(), { unbalanced: 0, negative: 0, drifted: 0 });
    assert.equal(demoIdentities.length, 6);
  });

  test('an agent freezes with a reason; only a supervisor unfreezes; both are audited', async () => {
    const frozen = await post('/api/v1/customers/demo-0020/freeze', { reason: 'customer says a "police officer" asked for a transfer' });
    assert.equal(frozen.statusCode, 200);
    assert.equal(frozen.json().status, 'frozen');
    const refused = await post('/api/v1/customers/demo-0020/unfreeze', { reason: 'ok' });
    assert.equal(refused.statusCode, 403);
    const lifted = await post('/api/v1/customers/demo-0020/unfreeze', { reason: 'called back, verified' }, supervisor.headers);
    assert.equal(lifted.statusCode, 200);
    assert.equal(lifted.json().status, 'active');
    const [event] = await audit('wallet.account_frozen', 'demo-0020');
    assert.match(String(event!.details.reason), /police officer/);
    assert.equal((await audit('wallet.account_unfrozen', 'demo-0020')).length, 1);
    const empty = await post('/api/v1/customers/demo-0020/freeze', { reason: '  ' });
    assert.equal(empty.statusCode, 400);
  });

  test('a refund request is recorded for finance', async () => {
    const paid = (await get('/api/v1/customers/demo-0021/transactions?type=payment&status=succeeded&limit=1')).json().items[0];
    const res = await post(`/api/v1/customers/demo-0021/transactions/${paid.reference}/refund-requests`, { reason: 'charged twice for one order' });
    assert.equal(res.statusCode, 201);
    const [row] = await app.db.query<{ reason: string; actor_type: string }>('select reason, actor_type from wallet_refund_requests where id = $1', [res.json().id]);
    assert.deepEqual(row, { reason: 'charged twice for one order', actor_type: 'agent' });
  });

  test('API tokens need wallet:read to read and wallet:write to act', async () => {
    const made = (await post('/api/v1/api-tokens', { name: 'CRM', scopes: ['wallet:read'] }, admin.headers)).json();
    const bearer = { authorization: `Bearer ${made.token}` };
    assert.equal((await get('/api/v1/customers/demo-alice/wallet', bearer)).statusCode, 200);
    const act = await post('/api/v1/customers/demo-alice/freeze', { reason: 'x' }, bearer);
    assert.equal(act.statusCode, 403);
    assert.equal(act.json().error.code, 'INSUFFICIENT_SCOPE');
  });

  test('unknown customers get a clear error in the caller\'s language', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/v1/customers/nobody/wallet', headers: { ...agent.headers, 'accept-language': 'zh-CN' } });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json().error.code, 'WALLET_CUSTOMER_NOT_FOUND');
    assert.match(res.json().error.message, /钱包用户/);
    const bad = await get('/api/v1/customers/demo-alice/diagnosis?topic=payment_failed&amount=12.5');
    assert.equal(bad.statusCode, 400);
  });
});
