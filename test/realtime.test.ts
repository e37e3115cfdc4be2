import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { testApp } from './support/app.js';
import { openSocket } from './support/ws.js';

describe('realtime chat for customers (WebSocket and REST)', async () => {
  const app = await testApp();
  const base = await app.listen();
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;
  const visitorToken = async () => (await app.http.inject({ method: 'POST', url: '/api/v1/widget/visitors' })).json().token as string;
  const customerToken = async (customerId: string) => (await app.http.inject({ method: 'POST', url: '/api/v1/demo/customer-tokens', payload: { customerId } })).json().token as string;

  test('a visitor authenticates, sends, gets an ack with the sequence number and the message pushed back', async () => {
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token: await visitorToken(), language: 'en' });
    assert.equal(ready.type, 'ready', JSON.stringify(ready));
    const conversation = ready.conversation as { id: string; lastSeq: number };
    assert.equal(conversation.lastSeq, 0);
    const ack = await ws.request({ type: 'send', clientId: 'c-1', text: 'my top up is pending' });
    assert.deepEqual([ack.type, ack.seq, ack.duplicate], ['ack', 1, false]);
    const pushed = await ws.next((f) => f.type === 'message');
    assert.equal((pushed.message as { seq: number }).seq, 1);
    const again = await ws.request({ type: 'send', clientId: 'c-1', text: 'my top up is pending' });
    assert.deepEqual([again.seq, again.duplicate, again.messageId], [1, true, ack.messageId]);
    const [row] = await app.db.query<{ n: number }>('select count(*)::int as n from messages where conversation_id = $1', [conversation.id]);
    assert.equal(row!.n, 1, 'a retried send is stored once');
  });

  test('concurrent retries of one send, over several sockets of one visitor, store one message', async () => {
    const token = await visitorToken();
    const sockets = await Promise.all([1, 2, 3].map(() => openSocket(wsUrl)));
    for (const ws of sockets) await ws.request({ type: 'auth', token });
    const acks = await Promise.all(sockets.map((ws) => ws.request({ type: 'send', clientId: 'same', text: '你好' })));
    assert.equal(new Set(acks.map((a) => a.messageId)).size, 1);
    assert.equal(acks.filter((a) => a.duplicate === false).length, 1);
  });

  test('a closed conversation refuses new messages, but a retry of one stored before is still answered', async () => {
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token: await visitorToken(), language: 'en' });
    const conversationId = (ready.conversation as { id: string }).id;
    const first = await ws.request({ type: 'send', clientId: 'before-close', text: 'is my refund coming?' });
    assert.equal(first.type, 'ack');
    await app.db.query("update conversations set status = 'closed' where id = $1", [conversationId]);
    const refused = await ws.request({ type: 'send', clientId: 'after-close', text: 'hello?' });
    assert.deepEqual([refused.type, refused.code], ['error', 'CONVERSATION_CLOSED']);
    const retry = await ws.request({ type: 'send', clientId: 'before-close', text: 'is my refund coming?' });
    assert.deepEqual([retry.type, retry.duplicate, retry.messageId, retry.seq], ['ack', true, first.messageId, first.seq]);
    const [row] = await app.db.query<{ n: number; last: string }>('select count(*)::int as n, max(seq)::text as last from messages where conversation_id = $1', [conversationId]);
    assert.deepEqual([row!.n, Number(row!.last)], [Number(first.seq), Number(first.seq)], 'nothing stored after the close');
  });

  test('after a reconnect, resume returns exactly the messages after the last sequence number seen', async () => {
    const token = await visitorToken();
    const first = await openSocket(wsUrl);
    const ready = await first.request({ type: 'auth', token });
    const conversationId = (ready.conversation as { id: string }).id;
    for (let i = 1; i <= 5; i++) await first.request({ type: 'send', clientId: `m${i}`, text: `message ${i}` });
    first.close();
    await first.closed;
    const second = await openSocket(wsUrl);
    const back = await second.request({ type: 'auth', token });
    assert.equal((back.conversation as { id: string }).id, conversationId, 'a returning visitor gets the same conversation');
    const missed = await second.request({ type: 'resume', conversationId, afterSeq: 2 });
    assert.deepEqual((missed.messages as { seq: number }[]).map((m) => m.seq), [3, 4, 5]);
    assert.equal(missed.more, false);
  });

  test('a wallet-signed customer is linked to the wallet customer, and identity is checked on every frame', async () => {
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token: await customerToken('demo-alice') });
    assert.deepEqual(ready.identity, { kind: 'customer' });
    const [contact] = await app.db.query<{ wallet_customer_id: string }>('select c.wallet_customer_id from contacts c join conversations v on v.contact_id = c.id where v.id = $1', [(ready.conversation as { id: string }).id]);
    assert.equal(contact!.wallet_customer_id, 'demo-alice');

    const shortLived = await app.conversations.tokens.signCustomer('demo-bob', { ttlSeconds: 1 });
    const bob = await openSocket(wsUrl);
    assert.equal((await bob.request({ type: 'auth', token: shortLived })).type, 'ready');
    await new Promise((r) => setTimeout(r, 2100));
    const refused = await bob.request({ type: 'send', clientId: 'late', text: 'still there?' });
    assert.deepEqual([refused.type, refused.code], ['error', 'CUSTOMER_TOKEN_EXPIRED']);
  });

  test('nobody writes to or reads a conversation that is not theirs', async () => {
    const owner = await openSocket(wsUrl);
    const theirs = ((await owner.request({ type: 'auth', token: await visitorToken() })).conversation as { id: string }).id;
    const intruder = await openSocket(wsUrl);
    await intruder.request({ type: 'auth', token: await visitorToken() });
    const write = await intruder.request({ type: 'send', conversationId: theirs, clientId: 'x', text: 'hello' });
    assert.equal(write.code, 'CONVERSATION_NOT_FOUND');
    const read = await intruder.request({ type: 'resume', conversationId: theirs, afterSeq: 0 });
    assert.equal(read.code, 'CONVERSATION_NOT_FOUND');
    assert.equal((await intruder.request({ type: 'ping' })).type, 'pong', 'the connection stays usable');
  });

  test('bad input gets an error frame and the connection and server stay healthy', async () => {
    const ws = await openSocket(wsUrl);
    const noAuth = await ws.request({ type: 'send', clientId: 'a', text: 'hi' });
    assert.equal(noAuth.code, 'AUTH_REQUIRED');
    assert.equal((await ws.request({ type: 'auth', token: 'not-a-token' })).code, 'INVALID_CUSTOMER_TOKEN');
    ws.send('{not json');
    assert.equal((await ws.next((f) => f.type === 'error')).code, 'INVALID_JSON');
    assert.equal((await ws.request({ type: 'teleport' })).code, 'UNKNOWN_FRAME');
    await ws.request({ type: 'auth', token: await visitorToken() });
    assert.equal((await ws.request({ type: 'send', clientId: 'long', text: 'x'.repeat(5000) })).code, 'MESSAGE_TOO_LONG');
    assert.equal((await ws.request({ type: 'send', clientId: 'a', text: '' })).code, 'VALIDATION_FAILED');
    // A flood is refused frame by frame.
    for (let i = 0; i < 80; i++) ws.send({ type: 'ping', ref: `f${i}` });
    assert.equal((await ws.next((f) => f.code === 'RATE_LIMITED')).type, 'error');
    // An oversized frame closes that socket only.
    const big = await openSocket(wsUrl);
    big.send({ type: 'ping', pad: 'x'.repeat(70 * 1024) });
    assert.equal(await big.closed, 1009);
    assert.equal((await app.http.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  });

  test('customer text is masked before it is stored', async () => {
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token: await visitorToken() });
    const seed = generateMnemonic(english);
    await ws.request({ type: 'send', clientId: 's', text: `customer service asked for my words: ${seed}` });
    const [row] = await app.db.query<{ text: string; payload: { hidden?: string[] } }>('select text, payload from messages where conversation_id = $1', [(ready.conversation as { id: string }).id]);
    assert.ok(!row!.text.includes(seed.split(' ').slice(0, 4).join(' ')), row!.text);
    assert.deepEqual(row!.payload.hidden, ['seed_phrase']);
  });

  test('REST: the same chat for integrations, with the same idempotency and identity rules', async () => {
    const headers = { 'x-customer-token': await customerToken('demo-chen') };
    const opened = await app.http.inject({ method: 'POST', url: '/api/v1/widget/conversations', headers, payload: { channel: 'api', language: 'zh-CN' } });
    assert.equal(opened.statusCode, 200, opened.body);
    const id = opened.json().id;
    const send = () => app.http.inject({ method: 'POST', url: `/api/v1/widget/conversations/${id}/messages`, headers, payload: { clientId: 'rest-1', text: '充值还没到账' } });
    assert.equal((await send()).statusCode, 201);
    const retry = await send();
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().duplicate, true);
    const history = await app.http.inject({ method: 'GET', url: `/api/v1/widget/conversations/${id}/messages?afterSeq=0`, headers });
    assert.deepEqual(history.json().items.map((m: { text: string }) => m.text), ['充值还没到账']);
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/widget/conversations' })).statusCode, 401);
    const bad = await app.http.inject({ method: 'GET', url: '/api/v1/widget/conversations', headers: { 'x-customer-token': 'nope' } });
    assert.deepEqual([bad.statusCode, bad.json().error.code], [401, 'INVALID_CUSTOMER_TOKEN']);
  });

  test('concurrent sends into one conversation, from several sockets, get gap-free sequence numbers', async () => {
    const token = await visitorToken();
    const sockets = await Promise.all([1, 2, 3].map(() => openSocket(wsUrl)));
    const ready = await Promise.all(sockets.map((ws) => ws.request({ type: 'auth', token })));
    const conversationId = (ready[0]!.conversation as { id: string }).id;
    const acks = await Promise.all(sockets.flatMap((ws, s) => [1, 2, 3, 4, 5].map((i) => ws.request({ type: 'send', clientId: `s${s}-${i}`, text: `message ${i} from socket ${s}` }))));
    assert.equal(new Set(acks.map((a) => a.seq)).size, 15);
    // The bot may speak in between: every message counts for the sequence.
    const rows = await app.db.query<{ seq: string; client_id: string; author_type: string }>('select seq, client_id, author_type from messages where conversation_id = $1 order by seq', [conversationId]);
    assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_, i) => i + 1), 'gap-free');
    const stored = rows.filter((r) => r.author_type === 'customer').map((r) => [Number(r.seq), r.client_id]);
    assert.deepEqual(stored, acks.map((a) => [a.seq, a.clientId]).sort((a, b) => Number(a[0]) - Number(b[0])), 'each ack names the stored seq');
  });

  test('sends written together in one transaction keep each conversation in order, and a client id twice in one batch is stored once', async () => {
    const { conversations } = app.conversations;
    const customers = await Promise.all([1, 2, 3].map(async (i) => {
      const identity = await app.conversations.tokens.verify(await customerToken(`demo-batch-${i}`));
      const conversation = await conversations.open(identity, { channel: 'app', language: 'en' });
      // A first message alone, so that the concurrent ones below reach the writer in the order sent.
      await conversations.sendAsCustomer(identity, conversation.id, { clientId: 'first', text: 'hello' });
      return { identity, conversation };
    }));
    // Issued in one turn of the event loop, so they share batches; every third one repeats a client id.
    const sends = customers.flatMap(({ identity, conversation }) => Array.from({ length: 12 }, (_, i) => conversations.sendAsCustomer(identity, conversation.id, { clientId: `k${i - (i % 3 === 2 ? 1 : 0)}`, text: `n${i}` })));
    const results = await Promise.all(sends);
    for (const [c, { conversation }] of customers.entries()) {
      const mine = results.slice(c * 12, c * 12 + 12);
      const seqs = mine.filter((r) => !r.duplicate).map((r) => r.message.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'new messages are numbered in the order sent');
      for (let i = 2; i < 12; i += 3) assert.deepEqual([mine[i]!.duplicate, mine[i]!.message.id], [true, mine[i - 1]!.message.id], 'the repeat is answered with the stored message');
      const rows = await app.db.query<{ seq: string; author_type: string }>('select seq, author_type from messages where conversation_id = $1 order by seq', [conversation.id]);
      assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_, i) => i + 1), 'gap-free');
      assert.equal(rows.filter((r) => r.author_type === 'customer').length, 9, 'each client id once');
    }
  });

  test('one customer on several sockets shares one message budget: a flood is refused, the sockets stay usable', async () => {
    const token = await visitorToken();
    const sockets = await Promise.all([1, 2, 3].map(() => openSocket(wsUrl)));
    for (const ws of sockets) await ws.request({ type: 'auth', token });
    // 30 frames per socket is within each socket's own burst (40): only the customer's budget refuses.
    const replies = await Promise.all(sockets.flatMap((ws, s) => Array.from({ length: 30 }, (_, i) => ws.request({ type: 'send', clientId: `f${s}-${i}`, text: 'spam' }))));
    const refused = replies.filter((r) => r.code === 'RATE_LIMITED');
    assert.ok(refused.length > 0, 'some sends are refused');
    assert.equal(refused.length + replies.filter((r) => r.type === 'ack').length, 90);
    for (const ws of sockets) assert.equal((await ws.request({ type: 'ping' })).type, 'pong', 'each socket stays open and usable');
  });
});
