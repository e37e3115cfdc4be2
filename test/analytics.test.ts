import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { backends } from './support/databases.js';
import { openSocket } from './support/ws.js';

for (const backend of backends) describe(`supervisor dashboard (${backend})`, async () => {
  const app = await testApp({ backend });
  const base = await app.listen();
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;
  const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
  const sam = await signIn(app, 'sam.chen@walletdesk.local', 'agent-demo-2026');
  const samId = (await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: sam.headers })).json().agent.id as string;
  const dashboard = async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/v1/analytics/dashboard?timeZone=Asia/Shanghai', headers: supervisor.headers });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const presence = (value: string) => app.http.inject({ method: 'PUT', url: '/api/v1/me/presence', headers: sam.headers, payload: { presence: value } });

  async function customerWrites(text: string) {
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token: (await app.conversations.tokens.issueVisitor()).token, language: 'en' });
    const conversationId = (ready.conversation as { id: string }).id;
    await ws.request({ type: 'send', clientId: 'c-1', text });
    return { ws, conversationId };
  }

  test('only supervisors and admins read it, and the time zone must be real', async () => {
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/analytics/dashboard' })).statusCode, 401);
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/analytics/dashboard', headers: sam.headers })).statusCode, 403);
    const bad = await app.http.inject({ method: 'GET', url: '/api/v1/analytics/dashboard?timeZone=Mars/Olympus', headers: supervisor.headers });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
  });

  test("counts today's conversations, handovers, replies, resolutions, ratings and the live queue", async () => {
    const before = await dashboard();

    // Opening the chat without writing is not a conversation to count.
    const idle = await openSocket(wsUrl);
    await idle.request({ type: 'auth', token: (await app.conversations.tokens.issueVisitor()).token });

    // Answered by the bot alone.
    await customerWrites('what are the fees for a transfer?');

    // Handed to Sam, answered, resolved and rated 5.
    assert.equal((await presence('online')).statusCode, 200);
    const served = await customerWrites('my top-up has not arrived');
    await served.ws.request({ type: 'handover', category: 'top_up' });
    await served.ws.next((f) => f.type === 'assigned');
    const reply = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${served.conversationId}/messages`, headers: sam.headers, payload: { clientId: 'a-1', text: 'Let me check that for you.' } });
    assert.equal(reply.statusCode, 201, reply.body);
    const during = await dashboard();
    assert.equal(during.agents.find((a: { id: string }) => a.id === samId).load, 1);
    assert.equal(during.agents[0].presence, 'online', 'online agents come first');
    const resolved = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${served.conversationId}/resolve`, headers: sam.headers, payload: { resolutionCode: 'answered' } });
    assert.equal(resolved.statusCode, 200, resolved.body);
    await served.ws.next((f) => f.type === 'rating_request');
    await served.ws.request({ type: 'rate', conversationId: served.conversationId, score: 5 });

    // Nobody online: the next one waits.
    assert.equal((await presence('offline')).statusCode, 200);
    const waiting = await customerWrites('someone asked for my code');
    await waiting.ws.request({ type: 'handover', category: 'security' });

    const after = await dashboard();
    assert.equal(after.timeZone, 'Asia/Shanghai');
    assert.equal(after.today.conversations - before.today.conversations, 3);
    assert.equal(after.today.handedOver - before.today.handedOver, 2);
    assert.equal(after.today.botContainment, (after.today.conversations - after.today.handedOver) / after.today.conversations);
    assert.equal(after.today.firstResponseSeconds.count - before.today.firstResponseSeconds.count, 1);
    assert.ok(after.today.firstResponseSeconds.p50 >= 0);
    assert.equal(after.today.resolutionSeconds.count - before.today.resolutionSeconds.count, 1);
    assert.equal(after.today.ratings.count - before.today.ratings.count, 1);
    assert.equal(after.today.ratings.distribution[4] - before.today.ratings.distribution[4], 1);
    assert.equal(after.queue.waiting - before.queue.waiting, 1);
    assert.ok(after.queue.longestWaitSeconds >= 0);
    assert.equal(after.agents.find((a: { id: string }) => a.id === samId).load, 0);
    assert.equal(after.today.hourly.reduce((n: number, h: { conversations: number }) => n + h.conversations, 0), after.today.conversations);
  });
});
