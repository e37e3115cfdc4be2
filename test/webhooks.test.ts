import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWebhooks } from '../src/modules/webhooks/index.js';
import { createLogger } from '../src/platform/log.js';
import { signIn, testApp, type Session } from './support/app.js';
import { backends } from './support/databases.js';
import { verifySignature, webhookReceiver, type Received } from './support/webhook-receiver.js';

/** Fast retries so a whole schedule runs in well under a second; the shapes of the schedule are what is checked. */
const env = { WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_POLL_MS: '20', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_TIMEOUT_MS: '1500' };

interface AttemptView { attempt: number; startedAt: string; statusCode: number | null; latencyMs: number; error: string | null; retryAt: string | null }
interface DeliveryView { id: string; eventId: string; eventName: string; body: string; status: string; attempts: number; redeliveryOf: string | null; attemptLog: AttemptView[] }

for (const backend of backends) {
  describe(`webhooks (${backend})`, async () => {
    const app = await testApp({ backend, env });
    const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who: Session = admin) =>
      app.http.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, payload });

    async function addEndpoint(url: string, events: string[] = ['conversation.rated']): Promise<{ id: string; secret: string }> {
      const res = await call('POST', '/api/v1/webhooks', { url, events, description: 'test receiver' });
      assert.equal(res.statusCode, 201, res.body);
      return { id: res.json().endpoint.id, secret: res.json().secret };
    }
    const sendTest = async (id: string): Promise<DeliveryView> => {
      const res = await call('POST', `/api/v1/webhooks/${id}/test`);
      assert.equal(res.statusCode, 202, res.body);
      return res.json();
    };
    const deliveries = async (id: string, query = ''): Promise<{ items: DeliveryView[]; nextCursor: string | null }> => (await call('GET', `/api/v1/webhooks/${id}/deliveries${query}`)).json();

    /** Polls the delivery log until the delivery is no longer pending. */
    async function settled(endpointId: string, deliveryId: string): Promise<DeliveryView> {
      for (let i = 0; i < 1000; i++) {
        const found = (await deliveries(endpointId)).items.find((d) => d.id === deliveryId);
        if (found && found.status !== 'pending') return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`delivery ${deliveryId} never settled`);
    }

    test('a test event arrives signed with the secret shown at creation, and the log records it', async () => {
      const receiver = await webhookReceiver();
      const { id, secret } = await addEndpoint(receiver.url);
      assert.match(secret, /^whsec_/);
      assert.ok(!(await call('GET', `/api/v1/webhooks/${id}`)).body.includes(secret), 'the secret is never shown again');
      const queued = await sendTest(id);
      const [got] = (await receiver.waitFor(1)) as [Received];
      assert.ok(verifySignature(secret, got), 'the signature verifies with the secret');
      assert.ok(!verifySignature(`${secret}x`, got), 'and with no other secret');
      assert.ok(!verifySignature(secret, { ...got, body: got.body.replace('webhook.test', 'webhook.tesT') }), 'a changed body fails');
      assert.equal(got.headers['x-walletdesk-delivery'], queued.id);
      assert.equal(got.headers['x-walletdesk-event'], 'webhook.test');
      assert.equal(got.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(got.body), { id: queued.eventId, type: 'webhook.test', createdAt: JSON.parse(got.body).createdAt, data: { endpointId: id } });
      const logged = await settled(id, queued.id);
      assert.deepEqual([logged.status, logged.attempts, logged.attemptLog.map((a) => a.statusCode)], ['succeeded', 1, [200]]);
    });

    test('domain events reach subscribed endpoints; a new message carries its stored text', async () => {
      const receiver = await webhookReceiver();
      await addEndpoint(receiver.url, ['conversation.created', 'message.created']);
      const token = (await app.http.inject({ method: 'POST', url: '/api/v1/demo/customer-tokens', payload: { customerId: 'demo-webhooks' } })).json().token;
      const headers = { 'x-customer-token': token };
      const conversation = (await app.http.inject({ method: 'POST', url: '/api/v1/widget/conversations', headers, payload: { channel: 'api' } })).json();
      const sent = await app.http.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversation.id}/messages`, headers, payload: { clientId: 'wh-1', text: 'my top-up has not arrived' } });
      assert.equal(sent.statusCode, 201, sent.body);
      const isOurs = (b: { type: string; data: { messageId?: string } }) => b.type === 'message.created' && b.data.messageId === sent.json().message.id;
      const bodies = (await receiver.until((got) => got.some((r) => isOurs(JSON.parse(r.body))))).map((r) => JSON.parse(r.body));
      const created = bodies.find((b) => b.type === 'conversation.created');
      const message = bodies.find(isOurs);
      assert.equal(created?.data.conversationId, conversation.id);
      assert.equal(message?.data.text, sent.json().message.text);
    });

    test('a receiver that fails twice then succeeds gets three attempts, each gap longer than the last', async () => {
      const receiver = await webhookReceiver((n) => (n <= 2 ? { status: 500, body: 'not now' } : { status: 204 }));
      const { id, secret } = await addEndpoint(receiver.url);
      const queued = await sendTest(id);
      const got = await receiver.waitFor(3);
      assert.deepEqual(new Set(got.map((r) => r.headers['x-walletdesk-delivery'])), new Set([queued.id]), 'one delivery, retried');
      assert.ok(got.every((r) => r.body === got[0]!.body && verifySignature(secret, r)), 'the same body, signed anew each time');
      const logged = await settled(id, queued.id);
      assert.equal(logged.status, 'succeeded');
      const log = logged.attemptLog;
      assert.deepEqual(log.map((a) => [a.attempt, a.statusCode, a.error]), [[1, 500, 'HTTP 500 not now'], [2, 500, 'HTTP 500 not now'], [3, 204, null]]);
      // The planned wait after each failure (from the end of the attempt to the planned retry).
      const waits = log.slice(0, 2).map((a) => Date.parse(a.retryAt!) - Date.parse(a.startedAt) - a.latencyMs);
      assert.ok(waits[0]! >= 95 && waits[1]! > waits[0]!, `waits ${waits.join(', ')} ms`);
      for (let i = 1; i < log.length; i++) assert.ok(Date.parse(log[i]!.startedAt) >= Date.parse(log[i - 1]!.retryAt!), 'never retried before its time');
      assert.equal(log[2]!.retryAt, null);
    });

    test('after the maximum number of attempts a delivery is failed, with each error recorded and cut short', async () => {
      const receiver = await webhookReceiver(() => ({ status: 503, body: 'overloaded '.repeat(200) }));
      const { id } = await addEndpoint(receiver.url);
      const queued = await sendTest(id);
      const logged = await settled(id, queued.id);
      assert.deepEqual([logged.status, logged.attempts], ['failed', 3]);
      assert.equal(receiver.received.length, 3);
      assert.ok(logged.attemptLog.every((a) => a.statusCode === 503 && a.error!.startsWith('HTTP 503 overloaded') && a.error!.length <= 500));
      assert.equal(logged.attemptLog[2]!.retryAt, null);
      assert.equal((await deliveries(id, '?status=failed')).items.length, 1);
      assert.equal((await deliveries(id, '?status=succeeded')).items.length, 0);
    });

    test('a receiver that does not answer in time counts as a failed attempt', async () => {
      const receiver = await webhookReceiver((n) => (n === 1 ? 'hang' : { status: 200 }));
      const { id } = await addEndpoint(receiver.url);
      const logged = await settled(id, (await sendTest(id)).id);
      assert.equal(logged.status, 'succeeded');
      assert.deepEqual(logged.attemptLog.map((a) => [a.statusCode, a.error]), [[null, 'timed out after 1500 ms'], [200, null]]);
    });

    test('redeliver sends the same body again as a new delivery', async () => {
      const receiver = await webhookReceiver();
      const { id } = await addEndpoint(receiver.url);
      const first = await sendTest(id);
      await settled(id, first.id);
      const again = await call('POST', `/api/v1/webhooks/${id}/deliveries/${first.id}/redeliver`);
      assert.equal(again.statusCode, 202, again.body);
      const [, second] = (await receiver.waitFor(2)) as [Received, Received];
      assert.equal(second.headers['x-walletdesk-delivery'], again.json().id);
      assert.equal(second.body, receiver.received[0]!.body, 'same event id and body');
      assert.equal(again.json().redeliveryOf, first.id);
      const page = await deliveries(id, '?limit=1');
      assert.deepEqual([page.items[0]!.id, page.nextCursor !== null], [again.json().id, true]);
      const rest = await deliveries(id, `?limit=1&cursor=${page.nextCursor}`);
      assert.deepEqual([rest.items[0]!.id, rest.nextCursor], [first.id, null]);
      assert.equal((await call('POST', `/api/v1/webhooks/${id}/deliveries/01a20cea-a01c-763a-bdd4-587df45036cb/redeliver`)).json().error.code, 'WEBHOOK_DELIVERY_NOT_FOUND');
    });

    test('deleting an endpoint stops its deliveries, retries included', async () => {
      const doomed = await webhookReceiver(() => ({ status: 500 }));
      const { id } = await addEndpoint(doomed.url);
      const queued = await sendTest(id);
      await doomed.waitFor(1);
      assert.equal((await call('DELETE', `/api/v1/webhooks/${id}`)).statusCode, 204);
      assert.equal((await call('GET', `/api/v1/webhooks/${id}/deliveries`)).json().error.code, 'WEBHOOK_NOT_FOUND');
      const [left] = await app.db.query<{ n: number }>('select count(*)::int as n from webhook_deliveries where id = $1', [queued.id]);
      assert.equal(left!.n, 0);
      // Two later rounds of the worker, seen through another endpoint: anything still due for the
      // deleted one would have been sent by the time the second of these arrives.
      const witness = await webhookReceiver();
      const other = await addEndpoint(witness.url);
      await sendTest(other.id);
      await witness.waitFor(1);
      await sendTest(other.id);
      await witness.waitFor(2);
      assert.equal(doomed.received.length, 1, 'no retry reached the deleted endpoint');
      assert.equal((await call('DELETE', `/api/v1/webhooks/${id}`)).json().error.code, 'WEBHOOK_NOT_FOUND');
    });

    test('bad addresses and unknown events get a clear 400', async () => {
      for (const [url, reason] of [['hooks.example.com/x', 'not_a_url'], ['ftp://hooks.example.com/', 'scheme'], ['https://me:pw@hooks.example.com/', 'credentials']] as const) {
        const res = await call('POST', '/api/v1/webhooks', { url, events: ['*'] });
        assert.equal(res.statusCode, 400, url);
        assert.deepEqual([res.json().error.code, res.json().error.details.reason], ['WEBHOOK_URL_INVALID', reason]);
        assert.match(res.json().error.message, /http:\/\/ or https:\/\//);
      }
      const { id } = await addEndpoint('http://127.0.0.1:9/ok');
      assert.equal((await call('PATCH', `/api/v1/webhooks/${id}`, { url: 'mailto:ops@example.com' })).json().error.code, 'WEBHOOK_URL_INVALID');
      const unknown = await call('POST', '/api/v1/webhooks', { url: 'https://hooks.example.com/', events: ['conversation.exploded'] });
      assert.deepEqual([unknown.statusCode, unknown.json().error.code], [400, 'VALIDATION_FAILED']);
      const zh = await app.http.inject({ method: 'POST', url: '/api/v1/webhooks', headers: { ...admin.headers, 'accept-language': 'zh-CN' }, payload: { url: 'nope', events: ['*'] } });
      assert.match(zh.json().error.message, /网址/);
    });

    test('only admins manage webhooks', async () => {
      const { id } = await addEndpoint('http://127.0.0.1:9/admins');
      for (const [email, password] of [['supervisor@walletdesk.local', 'supervisor-demo-2026'], ['li.na@walletdesk.local', 'agent-demo-2026']]) {
        const who = await signIn(app, email!, password!);
        for (const [method, url, body] of [['GET', '/api/v1/webhooks'], ['POST', '/api/v1/webhooks', { url: 'https://x.example/', events: ['*'] }], ['GET', `/api/v1/webhooks/${id}/deliveries`], ['POST', `/api/v1/webhooks/${id}/rotate-secret`], ['DELETE', `/api/v1/webhooks/${id}`]] as const) {
          const res = await call(method, url, body, who);
          assert.deepEqual([res.statusCode, res.json().error.code], [403, 'FORBIDDEN'], `${email} ${method} ${url}`);
        }
      }
      assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/webhooks' })).statusCode, 401);
    });

    test('after a rotation both secrets sign for a while; the new one is shown once', async () => {
      const receiver = await webhookReceiver();
      const { id, secret: old } = await addEndpoint(receiver.url);
      const rotated = await call('POST', `/api/v1/webhooks/${id}/rotate-secret`);
      assert.equal(rotated.statusCode, 200, rotated.body);
      const fresh = rotated.json().secret as string;
      assert.notEqual(fresh, old);
      await sendTest(id);
      const [got] = (await receiver.waitFor(1)) as [Received];
      assert.ok(verifySignature(fresh, got) && verifySignature(old, got));
      assert.equal(String(got.headers['x-walletdesk-signature']).split(',').length, 2);
    });

    test('inactive endpoints receive nothing until they are active again', async () => {
      const receiver = await webhookReceiver();
      const { id } = await addEndpoint(receiver.url);
      assert.equal((await call('PATCH', `/api/v1/webhooks/${id}`, { active: false })).json().active, false);
      const queued = await sendTest(id);
      const witness = await webhookReceiver();
      const other = await addEndpoint(witness.url);
      await sendTest(other.id);
      await witness.waitFor(1);
      assert.equal(receiver.received.length, 0);
      await call('PATCH', `/api/v1/webhooks/${id}`, { active: true });
      await receiver.waitFor(1);
      assert.equal((await settled(id, queued.id)).status, 'succeeded');
    });

    test('several nodes share one outbox: every event is recorded once and every delivery sent once', async () => {
      const receiver = await webhookReceiver();
      const { id } = await addEndpoint(receiver.url, ['*']);
      // Two more nodes on the same database and the same event stream, as behind a load balancer.
      const nodes = [1, 2].map(() => createWebhooks({ orm: app.db.orm, bus: app.bus, audit: app.audit, log: createLogger('silent'), config: app.config, messageText: async () => undefined }));
      try {
        for (const node of nodes) node.start();
        const queued = await Promise.all(Array.from({ length: 30 }, () => sendTest(id)));
        await app.bus.publish('wallet.refund_requested', { customerId: 'demo-0001', reference: 'ref-1', requestId: 'rq-1' });
        const got = await receiver.waitFor(31);
        const ids = got.map((r) => r.headers['x-walletdesk-delivery']);
        assert.equal(new Set(ids).size, 31, 'no delivery was sent twice');
        assert.ok(queued.every((q) => ids.includes(q.id)));
        assert.equal(got.filter((r) => r.headers['x-walletdesk-event'] === 'wallet.refund_requested').length, 1, 'the event was recorded once, though three nodes handled it');
      } finally {
        await Promise.all(nodes.map((n) => n.stop()));
      }
      for (const d of (await deliveries(id, '?limit=200')).items) await settled(id, d.id);
      assert.equal(receiver.received.length, 31, 'nothing more arrived once every delivery had settled');
    });
  });
}

describe('webhooks when a node stops', async () => {
  const app = await testApp({ env: { ...env, WEBHOOK_TIMEOUT_MS: '60000' } });
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');

  test('a request that never ends does not hold the node up: it is aborted and its delivery left for another node', async () => {
    const receiver = await webhookReceiver(() => 'hang');
    const created = await app.http.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin.headers, payload: { url: receiver.url, events: ['conversation.rated'] } });
    const queued = (await app.http.inject({ method: 'POST', url: `/api/v1/webhooks/${created.json().endpoint.id}/test`, headers: admin.headers })).json();
    await receiver.waitFor(1);
    await app.webhooks.stop();
    const [row] = await app.db.query<{ status: string; attempts: number; locked_until: Date | null }>('select status, attempts, locked_until from webhook_deliveries where id = $1', [queued.id]);
    assert.deepEqual(row, { status: 'pending', attempts: 0, locked_until: null }, 'not counted as an attempt, and free to claim at once');
  });
});
