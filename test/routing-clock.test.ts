import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { openSocket, type TestSocket } from './support/ws.js';

/** Routing rules that depend on time: accept deadlines, business hours, the wait estimate. The clock is the test's. */
describe('routing over time', async () => {
  // Monday 2026-11-23 10:00 in Shanghai.
  let now = new Date('2026-11-23T02:00:00Z').getTime();
  const advance = (seconds: number) => (now += seconds * 1000);
  const app = await testApp({ clock: () => new Date(now), env: { ACCEPT_TIMEOUT_SECONDS: '30' } });
  const base = await app.listen();
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const sam = await signIn(app, 'sam.chen@walletdesk.local', 'agent-demo-2026');
  const lina = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  const idOf = async (s: typeof sam) => (await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers })).json().agent.id as string;
  const samId = await idOf(sam);
  const linaId = await idOf(lina);
  const presence = (s: typeof sam, value: string) => app.http.inject({ method: 'PUT', url: '/api/v1/me/presence', headers: s.headers, payload: { presence: value } });
  const patchAgent = (id: string, payload: object) => app.http.inject({ method: 'PATCH', url: `/api/v1/agents/${id}`, headers: admin.headers, payload });
  const conversation = async (id: string) => (await app.http.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: admin.headers })).json().conversation;
  const payments = ((await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.headers })).json().items as { id: string; name: string }[]).find((t) => t.name.includes('Payments'))!;

  async function customer(): Promise<{ ws: TestSocket; conversationId: string }> {
    const token = (await app.conversations.tokens.issueVisitor()).token;
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token, language: 'zh-CN' });
    return { ws, conversationId: (ready.conversation as { id: string }).id };
  }

  test("an offer not accepted in time goes to the next agent; the one who let it lapse can no longer accept", async () => {
    await presence(sam, 'online');
    await presence(lina, 'online');
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'top_up' });
    const first = (await c.ws.next((f) => f.type === 'assigned')).agent as { id: string };
    assert.equal((await conversation(c.conversationId)).teamId, payments.id, 'top-ups queue for the payments team');

    advance(29);
    assert.equal(await app.conversations.routing.expireOffers(), 0, 'still within the deadline');
    advance(2);
    assert.equal(await app.conversations.routing.expireOffers(), 1);
    const second = (await c.ws.next((f) => f.type === 'assigned')).agent as { id: string };
    assert.notEqual(second.id, first.id);
    const lapsed = first.id === samId ? sam : lina;
    const taker = first.id === samId ? lina : sam;
    assert.equal((await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/accept`, headers: lapsed.headers })).json().error.code, 'NOT_ASSIGNEE');
    const accepted = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/accept`, headers: taker.headers });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.ok(accepted.json().acceptedAt);
    advance(120);
    assert.equal(await app.conversations.routing.expireOffers(), 0, 'an accepted conversation stays');
    await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/resolve`, headers: taker.headers, payload: { resolutionCode: 'answered' } });
  });

  test('replying accepts the offer', async () => {
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'refund' });
    const agent = ((await c.ws.next((f) => f.type === 'assigned')).agent as { id: string }).id === samId ? sam : lina;
    const sent = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/messages`, headers: agent.headers, payload: { clientId: 'r1', text: '您好，我来看一下退款。' } });
    assert.equal(sent.statusCode, 201);
    await c.ws.next((f) => f.type === 'message');
    for (let i = 0; i < 50 && !(await conversation(c.conversationId)).acceptedAt; i++) await new Promise((r) => setTimeout(r, 20));
    advance(60);
    assert.equal(await app.conversations.routing.expireOffers(), 0);
    assert.equal((await conversation(c.conversationId)).status, 'assigned');
    await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/resolve`, headers: agent.headers, payload: { resolutionCode: 'answered' } });
  });

  test("outside the team's business hours the customer is offered a ticket or a callback instead of a wait", async () => {
    const hours = { timeZone: 'Asia/Shanghai', weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] }, holidays: [] };
    const patched = await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: hours } });
    assert.equal(patched.statusCode, 200, patched.body);
    const badZone = await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: { ...hours, timeZone: 'China/Beijing' } } });
    assert.equal(badZone.statusCode, 400);

    now = new Date('2026-11-28T04:00:00Z').getTime(); // Saturday noon in Shanghai
    const c = await customer();
    const reply = await c.ws.request({ type: 'handover', category: 'payment_failed' });
    assert.deepEqual(reply.outsideHours, { nextOpeningAt: '2026-11-30T01:00:00.000Z', options: ['ticket', 'callback'] });
    assert.equal((reply.conversation as { status: string }).status, 'bot', 'not queued for nobody');
    const pushed = await c.ws.next((f) => f.type === 'outside_hours');
    assert.equal(pushed.nextOpeningAt, '2026-11-30T01:00:00.000Z');

    // Security answers around the clock: its categories still queue on a Saturday.
    const other = await customer();
    const security = await other.ws.request({ type: 'handover', category: 'frozen_account' });
    assert.equal(security.outsideHours, null);
    assert.notEqual((security.conversation as { status: string }).status, 'bot');

    now = new Date('2026-11-30T01:30:00Z').getTime(); // Monday 09:30
    const again = await c.ws.request({ type: 'handover', category: 'payment_failed' });
    assert.equal(again.outsideHours, null);
    assert.equal((again.conversation as { status: string }).status, 'assigned');
    await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: null } });
  });

  test('the wait estimate learns from recent handling times and online capacity', async () => {
    await presence(lina, 'offline');
    await patchAgent(samId, { capacity: 1 });
    const mine = (await app.http.inject({ method: 'GET', url: '/api/v1/conversations?view=mine&status=assigned', headers: sam.headers })).json().items as { id: string }[];
    for (const m of mine) await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${m.id}/resolve`, headers: sam.headers, payload: { resolutionCode: 'answered' } });

    // Only today's conversations count: move past the earlier tests' ones (more than a day on).
    advance(2 * 24 * 3600);
    const first = await customer();
    await first.ws.request({ type: 'handover', category: 'top_up' });
    await first.ws.next((f) => f.type === 'assigned');
    advance(600);
    await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${first.conversationId}/resolve`, headers: sam.headers, payload: { resolutionCode: 'answered' } });

    const second = await customer();
    await second.ws.request({ type: 'handover', category: 'top_up' });
    await second.ws.next((f) => f.type === 'assigned');
    const third = await customer();
    await third.ws.request({ type: 'handover', category: 'top_up' });
    const queue = await third.ws.next((f) => f.type === 'queue');
    assert.deepEqual([queue.position, queue.etaSeconds], [1, 600], 'one seat online, ten minutes per conversation lately');
    await patchAgent(linaId, { capacity: 1 });
    await presence(lina, 'online');
    await third.ws.next((f) => f.type === 'assigned');
  });
});
