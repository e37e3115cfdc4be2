import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { openSocket, type TestSocket } from './support/ws.js';

describe('handover, queue and assignment', async () => {
  const app = await testApp();
  const base = await app.listen();
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;
  const sam = await signIn(app, 'sam.chen@walletdesk.local', 'agent-demo-2026');
  const lina = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const idOf = async (s: typeof sam) => (await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers })).json().agent.id as string;
  const samId = await idOf(sam);
  const linaId = await idOf(lina);
  const presence = (s: typeof sam, value: string) => app.http.inject({ method: 'PUT', url: '/api/v1/me/presence', headers: s.headers, payload: { presence: value } });

  async function customer(): Promise<{ ws: TestSocket; conversationId: string }> {
    const token = (await app.conversations.tokens.issueVisitor()).token;
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token, language: 'zh-CN' });
    return { ws, conversationId: (ready.conversation as { id: string }).id };
  }
  const conversation = async (id: string) => (await app.http.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: admin.headers })).json().conversation;

  test('with nobody online the customer waits in the queue and is told the position', async () => {
    await app.http.inject({ method: 'PATCH', url: `/api/v1/agents/${samId}`, headers: admin.headers, payload: { capacity: 1 } });
    const c = await customer();
    const status = await c.ws.request({ type: 'handover', category: 'frozen_account' });
    assert.equal((status.conversation as { status: string }).status, 'queued');
    const queue = await c.ws.next((f) => f.type === 'queue');
    assert.deepEqual([queue.position, queue.etaSeconds], [1, -1]);

    // An agent with the skill comes online: the conversation is theirs, and the customer sees who.
    assert.equal((await presence(sam, 'online')).statusCode, 200);
    const assigned = await c.ws.next((f) => f.type === 'assigned');
    assert.deepEqual(assigned.agent, { id: samId, displayName: 'Sam Chen', verifiedStaff: true });
    assert.equal((await conversation(c.conversationId)).assigneeId, samId);
  });

  test('a full expert keeps their category waiting rather than sending it to an agent without the skill', async () => {
    assert.equal((await presence(lina, 'online')).statusCode, 200);
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'frozen_account' });
    const queue = await c.ws.next((f) => f.type === 'queue');
    assert.equal(queue.position, 1);
    assert.equal((await conversation(c.conversationId)).status, 'queued');

    // Sam resolves the first one: the seat goes to the next frozen-account customer.
    const mine = (await app.http.inject({ method: 'GET', url: '/api/v1/conversations?view=mine&status=assigned', headers: sam.headers })).json().items;
    assert.equal(mine.length, 1);
    const resolved = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${mine[0].id}/resolve`, headers: sam.headers, payload: { resolutionCode: 'answered' } });
    assert.equal(resolved.statusCode, 200, resolved.body);
    const assigned = await c.ws.next((f) => f.type === 'assigned');
    assert.equal((assigned.agent as { id: string }).id, samId);
  });

  test('other categories go to the least loaded agent with the skill and language', async () => {
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'top_up' });
    const assigned = await c.ws.next((f) => f.type === 'assigned');
    assert.equal((assigned.agent as { id: string }).id, linaId, 'Li Na has no conversation, Sam has one');
  });

  test('an agent going offline hands their conversations back to the queue, where the next agent takes them', async () => {
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'top_up' });
    const first = await c.ws.next((f) => f.type === 'assigned');
    const leaving = (first.agent as { id: string }).id === samId ? sam : lina;
    const staying = leaving === sam ? linaId : samId;
    await app.http.inject({ method: 'PATCH', url: `/api/v1/agents/${staying}`, headers: admin.headers, payload: { capacity: 10 } });
    assert.equal((await presence(leaving, 'offline')).statusCode, 200);
    const again = await c.ws.next((f) => f.type === 'assigned');
    assert.equal((again.agent as { id: string }).id, staying);
    assert.equal((await presence(leaving, 'online')).statusCode, 200);
  });

  test('a customer writing after the resolution reopens the conversation', async () => {
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'top_up' });
    await c.ws.next((f) => f.type === 'assigned');
    const resolved = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/resolve`, headers: admin.headers, payload: { resolutionCode: 'answered' } });
    assert.equal(resolved.json().status, 'resolved');
    await c.ws.request({ type: 'send', clientId: 'again', text: '还有一个问题' });
    assert.equal((await conversation(c.conversationId)).status, 'bot');
  });

  test("the console's socket gets the assignment, follows the chat and replies; a signed-out session stops it", async () => {
    const agentSession = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const desk = await openSocket(wsUrl, { cookie: agentSession.headers.cookie! });
    const hello = await desk.request({ type: 'agent.hello' });
    assert.deepEqual([hello.type, hello.agentId], ['agent.ready', linaId]);
    // Make Li Na the only one with room, so the next conversation is hers.
    await app.http.inject({ method: 'PATCH', url: `/api/v1/agents/${samId}`, headers: admin.headers, payload: { capacity: 0 } });
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'withdrawal' });
    const assignment = await desk.next((f) => f.type === 'assignment');
    assert.equal(assignment.conversationId, c.conversationId);
    await desk.request({ type: 'agent.follow', conversationId: c.conversationId });
    await c.ws.request({ type: 'send', clientId: 'q', text: '提现还没到' });
    const seen = await desk.next((f) => f.type === 'message' && (f.message as { clientId: string }).clientId === 'q');
    assert.equal((seen.message as { author: string }).author, 'customer');
    const ack = await desk.request({ type: 'agent.send', conversationId: c.conversationId, clientId: 'r', text: '我看到了，银行处理中，30 分钟内到账。' });
    assert.equal(ack.type, 'ack');
    assert.equal((await c.ws.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'agent')).type, 'message');
    const refused = await desk.request({ type: 'agent.send', conversationId: c.conversationId, clientId: 's', text: 'what is the code you just received?' });
    assert.equal(refused.code, 'AGENT_MESSAGE_REFUSED');
    await app.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: agentSession.headers });
    assert.equal((await desk.request({ type: 'agent.send', conversationId: c.conversationId, clientId: 't', text: 'still here' })).code, 'AUTH_REQUIRED');
    await app.http.inject({ method: 'PATCH', url: `/api/v1/agents/${samId}`, headers: admin.headers, payload: { capacity: 5 } });
  });

  test('transfer to a team with a note: a member takes it; the note stays among staff', async () => {
    const team = await app.http.inject({ method: 'POST', url: '/api/v1/teams', headers: admin.headers, payload: { name: 'VIP desk', memberIds: [linaId] } });
    assert.equal(team.statusCode, 201, team.body);
    await app.http.inject({ method: 'PATCH', url: `/api/v1/agents/${linaId}`, headers: admin.headers, payload: { capacity: 20 } });
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'refund' });
    await c.ws.next((f) => f.type === 'assigned');
    const bad = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/transfer`, headers: admin.headers, payload: { agentId: samId, teamId: team.json().id } });
    assert.equal(bad.statusCode, 400);
    const moved = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/transfer`, headers: admin.headers, payload: { teamId: team.json().id, note: 'VIP customer, refund over ¥5,000; card 6222021234567890128' } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().assigneeId, linaId);
    const assigned = await c.ws.next((f) => f.type === 'assigned' && (f.agent as { id: string }).id === linaId);
    assert.ok(assigned);
    const notes = (await app.http.inject({ method: 'GET', url: `/api/v1/conversations/${c.conversationId}/notes`, headers: lina.headers })).json().items;
    assert.equal(notes.length, 1);
    assert.ok(!notes[0].text.includes('6222021234567890128'), 'card numbers in notes are masked');
    await assert.rejects(c.ws.next((f) => f.type === 'note', 300), 'the customer never receives a note');
    const direct = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/transfer`, headers: admin.headers, payload: { agentId: samId } });
    assert.equal(direct.json().assigneeId, samId);
  });

  test('canned responses fill in the customer, the agent and the transaction, in the customer language', async () => {
    const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
    const body = { shortcut: 'refund-eta', title: 'Refund ETA', text: { 'zh-CN': '{{customer.name}}您好，我是{{agent.name}}。退款 {{transaction.id}} 预计 3 个工作日内到账。', en: 'Hi {{customer.name}}, refund {{transaction.id}} arrives within 3 working days.' } };
    assert.equal((await app.http.inject({ method: 'POST', url: '/api/v1/canned-responses', headers: lina.headers, payload: body })).statusCode, 403);
    assert.equal((await app.http.inject({ method: 'POST', url: '/api/v1/canned-responses', headers: supervisor.headers, payload: { ...body, shortcut: 'bad', text: { 'zh-CN': '{{customer.password}}', en: 'x' } } })).statusCode, 400);
    assert.equal((await app.http.inject({ method: 'POST', url: '/api/v1/canned-responses', headers: supervisor.headers, payload: body })).statusCode, 201);
    const token = await app.conversations.tokens.signCustomer('demo-alice', { name: '王丽', locale: 'zh-CN' });
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token });
    const id = (ready.conversation as { id: string }).id;
    const rendered = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${id}/canned-responses/refund-eta`, headers: lina.headers, payload: { transactionId: 'RF20261122A1' } });
    assert.equal(rendered.json().text, '王丽您好，我是李娜。退款 RF20261122A1 预计 3 个工作日内到账。');
    const patched = await app.http.inject({ method: 'PATCH', url: `/api/v1/conversations/${id}`, headers: lina.headers, payload: { labels: ['refund', 'vip'], priority: 'high' } });
    assert.deepEqual([patched.json().labels, patched.json().priority], [['refund', 'vip'], 'high']);
  });

  test('resolving asks the customer for a rating, which is taken once', async () => {
    const c = await customer();
    const early = await c.ws.request({ type: 'rate', conversationId: c.conversationId, score: 5 });
    assert.equal(early.code, 'CONFLICT', 'not before it is resolved');
    await c.ws.request({ type: 'handover', category: 'top_up' });
    await c.ws.next((f) => f.type === 'assigned');
    await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/resolve`, headers: admin.headers, payload: { resolutionCode: 'answered' } });
    await c.ws.next((f) => f.type === 'rating_request');
    assert.equal((await c.ws.request({ type: 'rate', conversationId: c.conversationId, score: 4, comment: '很快，谢谢' })).type, 'rated');
    assert.equal((await c.ws.request({ type: 'rate', conversationId: c.conversationId, score: 1 })).code, 'CONFLICT');
    const [row] = await app.db.query<{ score: number }>('select score from conversation_ratings where conversation_id = $1', [c.conversationId]);
    assert.equal(row!.score, 4);
  });

  test('agent replies pass the guard: asking for a code is refused and audited; a normal reply reaches the customer', async () => {
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'payment_failed' });
    const assigned = await c.ws.next((f) => f.type === 'assigned');
    const agent = (assigned.agent as { id: string }).id === samId ? sam : lina;
    const url = `/api/v1/conversations/${c.conversationId}/messages`;
    const refused = await app.http.inject({ method: 'POST', url, headers: agent.headers, payload: { clientId: 'a1', text: '请把您收到的验证码发给我核实一下' } });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'AGENT_MESSAGE_REFUSED');
    const audit = (await app.http.inject({ method: 'GET', url: '/api/v1/audit-events?action=conversation.agent_message_refused', headers: admin.headers })).json().items;
    assert.ok(audit.some((e: { targetId: string }) => e.targetId === c.conversationId));
    const phishing = await app.http.inject({ method: 'POST', url, headers: agent.headers, payload: { clientId: 'a2', text: '请点击 http://walletdesk-verify.top/login 重新登录' } });
    assert.equal(phishing.json().error.details.reason, 'link_not_allowed');

    const ok = await app.http.inject({ method: 'POST', url, headers: agent.headers, payload: { clientId: 'a3', text: '您好，我来帮您查一下这笔付款。' } });
    assert.equal(ok.statusCode, 201, ok.body);
    const pushed = await c.ws.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'agent');
    assert.equal((pushed.message as { text: string }).text, '您好，我来帮您查一下这笔付款。');
    assert.ok((await conversation(c.conversationId)).firstResponseAt, 'first response time recorded');
  });

  test('receipts: the customer reading tells the agent, once; the agent reading tells the customer', async () => {
    const c = await customer();
    await c.ws.request({ type: 'send', clientId: 'c1', text: '付款失败了' });
    await c.ws.request({ type: 'handover', category: 'payment_failed' });
    const agent = ((await c.ws.next((f) => f.type === 'assigned')).agent as { id: string }).id === samId ? sam : lina;
    const desk = await openSocket(wsUrl, { cookie: agent.headers.cookie! });
    await desk.request({ type: 'agent.follow', conversationId: c.conversationId });
    const reply = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/messages`, headers: agent.headers, payload: { clientId: 'a1', text: '我看一下' } });
    const seq = reply.json().message.seq as number;

    c.ws.send({ type: 'receipt', conversationId: c.conversationId, seq, state: 'delivered' });
    assert.deepEqual(await desk.next((f) => f.type === 'receipt'), { type: 'receipt', conversationId: c.conversationId, reader: 'customer', state: 'delivered', seq });
    c.ws.send({ type: 'receipt', conversationId: c.conversationId, seq, state: 'read' });
    assert.equal((await desk.next((f) => f.type === 'receipt')).state, 'read');
    c.ws.send({ type: 'receipt', conversationId: c.conversationId, seq, state: 'read' });
    await assert.rejects(desk.next((f) => f.type === 'receipt', 300), 'nothing new, nothing pushed');

    const agentRead = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/receipts`, headers: agent.headers, payload: { seq, state: 'read' } });
    assert.equal(agentRead.statusCode, 204);
    assert.equal((await c.ws.next((f) => f.type === 'receipt' && f.reader === 'agent')).state, 'read');
    const rows = await app.db.query<{ author_type: string; read_at: Date | null; delivered_at: Date | null }>('select author_type, read_at, delivered_at from messages where conversation_id = $1 order by seq', [c.conversationId]);
    assert.ok(rows.every((r) => r.read_at && r.delivered_at), 'both sides read');

    const stranger = (await app.conversations.tokens.issueVisitor()).token;
    const probe = await app.http.inject({ method: 'POST', url: `/api/v1/widget/conversations/${c.conversationId}/receipts`, headers: { 'x-customer-token': stranger }, payload: { seq, state: 'read' } });
    assert.equal(probe.statusCode, 404);
  });

  test('the customer gets a transcript in their language; a stranger does not', async () => {
    const c = await customer();
    await c.ws.request({ type: 'send', clientId: 't1', text: '我的助记词是 abandon ability able about above absent absorb abstract absurd abuse access accident' });
    const reply = await c.ws.request({ type: 'transcript', conversationId: c.conversationId });
    assert.match(reply.text as string, /^WalletDesk 对话记录/);
    assert.match(reply.text as string, /您: 我的助记词是/);
    assert.doesNotMatch(reply.text as string, /abandon ability/);
    const stranger = await customer();
    assert.equal((await stranger.ws.request({ type: 'transcript', conversationId: c.conversationId })).code, 'CONVERSATION_NOT_FOUND');
    const staff = await app.http.inject({ method: 'GET', url: `/api/v1/conversations/${c.conversationId}/transcript`, headers: lina.headers });
    assert.equal(staff.statusCode, 200);
    assert.match(staff.headers['content-type'] as string, /^text\/plain/);
    assert.equal(staff.body, reply.text);
  });

  test('the inbox filters by team, label, priority and category; the detail names the customer; a resolution needs a code', async () => {
    const c = await customer();
    await c.ws.request({ type: 'handover', category: 'refund' });
    await c.ws.next((f) => f.type === 'assigned');
    await app.http.inject({ method: 'PATCH', url: `/api/v1/conversations/${c.conversationId}`, headers: admin.headers, payload: { labels: ['refund-review'], priority: 'high' } });
    const ids = async (query: string, who = lina) => ((await app.http.inject({ method: 'GET', url: `/api/v1/conversations?${query}`, headers: who.headers })).json().items as { id: string }[]).map((i) => i.id);
    assert.ok((await ids('view=all&label=refund-review')).includes(c.conversationId));
    assert.ok((await ids('view=all&priority=high&category=refund')).includes(c.conversationId));
    assert.ok(!(await ids('view=all&priority=low')).includes(c.conversationId));
    assert.ok((await ids('view=team')).includes(c.conversationId), 'Li Na is in the payments team, which refunds queue for');
    assert.ok(!(await ids('view=team', admin)).includes(c.conversationId), 'the admin is in no team');

    const detail = (await app.http.inject({ method: 'GET', url: `/api/v1/conversations/${c.conversationId}`, headers: lina.headers })).json();
    assert.equal(detail.contact.verified, false);
    assert.equal(detail.contact.walletCustomerId, null);

    const noCode = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/resolve`, headers: admin.headers, payload: {} });
    assert.equal(noCode.statusCode, 400);
    const resolved = await app.http.inject({ method: 'POST', url: `/api/v1/conversations/${c.conversationId}/resolve`, headers: admin.headers, payload: { resolutionCode: 'wallet_issue_fixed' } });
    assert.equal(resolved.json().resolutionCode, 'wallet_issue_fixed');
  });
});
